<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CaseListModel</name>
    <message numerus="yes">
        <location filename="../case_list_model.py" line="84"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../case_list_model.py" line="81"/>
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>%n working day overdue</numerusform>
            <numerusform>%n working days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogBrowser</name>
    <message numerus="yes">
        <location filename="../catalog_browser.py" line="240"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message numerus="yes">
        <location filename="../crash_dialog.py" line="80"/>
        <source>%n more unexpected error(s) since this message appeared.</source>
        <translation>
            <numerusform>%n more unexpected error since this message appeared.</numerusform>
            <numerusform>%n more unexpected errors since this message appeared.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../case_list_pane.py" line="191"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_status_bar.py" line="153"/>
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TerminalStatus</name>
    <message numerus="yes">
        <location filename="../terminal_status.py" line="192"/>
        <source>no successful sync with the county server for %n day(s)</source>
        <translation>
            <numerusform>no successful sync with the county server for %n day</numerusform>
            <numerusform>no successful sync with the county server for %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../terminal_status.py" line="200"/>
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../terminal_status.py" line="203"/>
        <source>the computer&apos;s clock is %n day(s) behind what this terminal has recorded</source>
        <translation>
            <numerusform>the computer&apos;s clock is %n day behind what this terminal has recorded</numerusform>
            <numerusform>the computer&apos;s clock is %n days behind what this terminal has recorded</numerusform>
        </translation>
    </message>
</context>
</TS>
