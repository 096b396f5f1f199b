<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../app.py" line="265"/>
        <source>Restored {file}. The store it replaced is kept as {aside}.</source>
        <translation>已恢复{file}。被替换的数据库保存为{aside}。</translation>
    </message>
    <message>
        <location filename="../app.py" line="270"/>
        <source>The next sync takes back from the county server the cases this backup lacks, before it sends new work.</source>
        <translation>下次同步时先从县级服务器取回此备份缺少的办件，再上传新的办理记录。</translation>
    </message>
    <message>
        <location filename="../app.py" line="275"/>
        <source>The store it replaced could not be read: tracking and document numbers given after this backup are unknown here until the county server gives them back. Sync (Ctrl+Shift+Y) before taking cases.</source>
        <translation>被替换的数据库无法读取：此备份之后编出的办件编号和文书编号在县级服务器返回之前本机无从得知。请先同步（Ctrl+Shift+Y），再受理办件。</translation>
    </message>
    <message>
        <location filename="../app.py" line="281"/>
        <source>The store it replaced could not be read: tracking and document numbers given after this backup are unknown here and could be given again. Ask the county for a new terminal number before taking cases.</source>
        <translation>被替换的数据库无法读取：此备份之后编出的办件编号和文书编号在本机无从得知，可能被重复使用。请先向县里申请新的终端编号，再受理办件。</translation>
    </message>
    <message>
        <location filename="../app.py" line="287"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../app.py" line="288"/>
        <source>ClerkDesk closes now: start it again.</source>
        <translation>窗口受理台现在关闭，请重新启动。</translation>
    </message>
    <message>
        <location filename="../app.py" line="347"/>
        <source>Disk almost full</source>
        <translation>磁盘空间即将用完</translation>
    </message>
    <message>
        <location filename="../app.py" line="348"/>
        <source>Only {free} MB are free on the disk that holds the data ({path}). When the disk is full no case can be saved: ask for space to be freed.</source>
        <translation>存放数据的磁盘（{path}）只剩{free} MB 可用空间。磁盘满后将无法保存任何办件，请联系人员清理空间。</translation>
    </message>
    <message>
        <location filename="../app.py" line="378"/>
        <source>ClerkDesk</source>
        <translation>窗口受理台</translation>
    </message>
</context>
<context>
    <name>AwaitingModel</name>
    <message>
        <location filename="../handover_models.py" line="187"/>
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="188"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="189"/>
        <source>Item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="192"/>
        <source>Agent</source>
        <translation>代办员</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="198"/>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="200"/>
        <source>Notice by</source>
        <translation>告知截止日期</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="194"/>
        <source>{agent} ({point})</source>
        <translation>{agent}（{point}）</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="203"/>
        <source>A one-time notice is due by this day: 5 working days after the hand-over</source>
        <translation>一次性告知须在此日期前作出：收到移交材料后5个工作日内</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../backup_dialog.py" line="110"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="113"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="114"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="115"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="98"/>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="99"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="100"/>
        <source>before an update</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="135"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="147"/>
        <source>Backups are kept in {folder}</source>
        <translation>备份保存在{folder}</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="149"/>
        <source>and in the second folder {folder}</source>
        <translation>以及第二备份文件夹{folder}</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="158"/>
        <source>&amp;Back up now</source>
        <translation>立即备份（&amp;B）</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="160"/>
        <source>&amp;Restore...</source>
        <translation>恢复（&amp;R）……</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="200"/>
        <source>Backing up...</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="209"/>
        <source>Backed up and checked: {file}</source>
        <translation>已备份并检查：{file}</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="223"/>
        <source>Choose the backup to restore.</source>
        <translation>请选择要恢复的备份。</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="227"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="229"/>
        <source>Restore the backup of {when}? Everything saved after it is no longer in the store (the current store is kept aside in the folder replaced). ClerkDesk closes after the restore: start it again.</source>
        <translation>恢复{when}的备份吗？此后保存的内容将不再在数据库中（当前数据库另存在replaced文件夹中）。恢复后窗口受理台关闭，请重新启动。</translation>
    </message>
    <message>
        <location filename="../backup_dialog.py" line="251"/>
        <source>Checking the backup...</source>
        <translation>正在检查备份……</translation>
    </message>
</context>
<context>
    <name>BatchCasesModel</name>
    <message>
        <location filename="../handover_models.py" line="163"/>
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="164"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="165"/>
        <source>Item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="172"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="167"/>
        <source>Materials carried</source>
        <translation>移交材料</translation>
    </message>
</context>
<context>
    <name>BatchesModel</name>
    <message>
        <location filename="../handover_models.py" line="140"/>
        <source>Village point</source>
        <translation>代办点</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="141"/>
        <source>Agent</source>
        <translation>代办员</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="143"/>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="129"/>
        <source>{name}, {time}</source>
        <translation>{name}，{time}</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="138"/>
        <source>Made {time}</source>
        <translation>生成于{time}</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="128"/>
        <source>Not received</source>
        <translation>未接收</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="136"/>
        <source>List no.</source>
        <translation>清单编号</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="145"/>
        <source>Receipt</source>
        <translation>接收情况</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <location filename="../case_timeline.py" line="54"/>
        <source>opened</source>
        <translation>建立办件</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="55"/>
        <source>questions answered</source>
        <translation>选择情形</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="56"/>
        <source>materials checked</source>
        <translation>核对材料</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="57"/>
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="58"/>
        <source>tolerant acceptance</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="59"/>
        <source>one-time notice</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="60"/>
        <source>rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="61"/>
        <source>processing started</source>
        <translation>开始承办</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="62"/>
        <source>suspended</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="63"/>
        <source>resumed</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="64"/>
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="65"/>
        <source>completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="66"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="67"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="68"/>
        <source>promised materials arrived</source>
        <translation>承诺材料已补齐</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="71"/>
        <source>collected by the village agent</source>
        <translation>代办员代办收件</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="72"/>
        <source>handed over to the township</source>
        <translation>已移交乡镇</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="73"/>
        <source>due date reviewed (new holiday schedule)</source>
        <translation>承诺办结日期复核（节假日安排更新）</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="82"/>
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="83"/>
        <source>decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="84"/>
        <source>delivered by</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="85"/>
        <source>received</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="86"/>
        <source>missing</source>
        <translation>需补正</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="87"/>
        <source>mark taken back</source>
        <translation>取消标记</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="88"/>
        <source>promised</source>
        <translation>承诺补齐</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="89"/>
        <source>materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="90"/>
        <source>promised by</source>
        <translation>承诺补齐日期</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="91"/>
        <source>due date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="92"/>
        <source>due date before</source>
        <translation>原承诺办结日期</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="93"/>
        <source>holiday schedule from</source>
        <translation>节假日安排来源</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="94"/>
        <source>suspended on</source>
        <translation>暂停计时日期</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="95"/>
        <source>paused working days</source>
        <translation>暂停工作日数</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="96"/>
        <source>answers</source>
        <translation>情形</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="97"/>
        <source>item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="98"/>
        <source>catalog version</source>
        <translation>指南版本</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="99"/>
        <source>legal basis</source>
        <translation>不予受理依据</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="100"/>
        <source>competent body</source>
        <translation>有权机关</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="101"/>
        <source>rejected on</source>
        <translation>不予受理日期</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="102"/>
        <source>handover list</source>
        <translation>移交清单</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="103"/>
        <source>received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="104"/>
        <source>received on</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="105"/>
        <source>collected</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="106"/>
        <source>verified, original returned</source>
        <translation>已核验（原件退还）</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="107"/>
        <source>village point</source>
        <translation>代办点</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="134"/>
        <source>the holiday schedule for {years} is not published: the due date is provisional</source>
        <translation>{years}年节假日安排未公布，承诺办结日期为暂定</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="141"/>
        <source>the holiday schedule for {years} was not published: the date before was provisional</source>
        <translation>{years}年节假日安排当时未公布，原承诺办结日期为暂定</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="175"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="176"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="178"/>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="179"/>
        <source>{question} {answer}</source>
        <translation>{question}（{answer}）</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="190"/>
        <source>the holiday schedule is published: the due date is final</source>
        <translation>节假日安排已公布，承诺办结日期已确定</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="205"/>
        <source>no one-time notice in time: accepted from {date}, the day the materials were received</source>
        <translation>逾期未一次性告知，自{date}收到材料之日起视为受理</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="226"/>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="236"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="73"/>
        <source>80 mm roll</source>
        <translation>80毫米卷纸</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="75"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="53"/>
        <source>Tracking no.:</source>
        <translation>办件编号：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="54"/>
        <source>Query code:</source>
        <translation>查询码：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="55"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="56"/>
        <source>Service item:</source>
        <translation>办理事项：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="57"/>
        <source>Applicant:</source>
        <translation>申请人：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="59"/>
        <source>First-contact clerk:</source>
        <translation>首问责任人：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="63"/>
        <source>Acting for the applicant:</source>
        <translation>代理人：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="66"/>
        <source>Letter of authorisation:</source>
        <translation>授权委托书：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="68"/>
        <source>Accepted on:</source>
        <translation>受理日期：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="69"/>
        <source>Due date:</source>
        <translation>承诺办结日期：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="71"/>
        <source>Materials promised by:</source>
        <translation>承诺补齐日期：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="74"/>
        <source>Rejected because:</source>
        <translation>不予受理理由：</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="33"/>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="73"/>
        <location filename="../case_steps.py" line="136"/>
        <source>Start processing</source>
        <translation>开始承办</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="74"/>
        <source>Suspend...</source>
        <translation>暂停计时……</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="75"/>
        <source>Decide...</source>
        <translation>作出决定……</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="76"/>
        <source>Complete</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="77"/>
        <source>Deliver the result...</source>
        <translation>送达结果……</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="78"/>
        <source>Withdraw...</source>
        <translation>撤回……</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="79"/>
        <source>Materials arrived...</source>
        <translation>材料已补齐……</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="86"/>
        <location filename="../case_steps.py" line="124"/>
        <source>Re-check materials</source>
        <translation>补正材料核验</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="128"/>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="134"/>
        <source>Back to the case list</source>
        <translation>返回办件列表</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="304"/>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="114"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="121"/>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="130"/>
        <location filename="../case_documents_section.py" line="215"/>
        <source>Reprint on A4</source>
        <translation>用A4纸补打</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="137"/>
        <source>Make documents</source>
        <translation>生成文书</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="102"/>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="228"/>
        <source>Loading...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="91"/>
        <source>{name} ({code}, catalog {version})</source>
        <translation>{name}（{code}，指南版本{version}）</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="98"/>
        <source>{name}, window {window}</source>
        <translation>{name}，{window}号窗口</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="112"/>
        <source>{date} (provisional: the holiday schedule for {years} is not published yet)</source>
        <translation>{date}（暂定：{years}年节假日安排尚未公布）</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="117"/>
        <source>Immediate item: completed at the counter</source>
        <translation>即办件：当场办结</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="126"/>
        <source>Legal basis: {basis}</source>
        <translation>不予受理依据：{basis}</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="130"/>
        <source>Turn to: {body}</source>
        <translation>请向{body}申请</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="140"/>
        <source>contact {name}</source>
        <translation>联系人{name}</translation>
    </message>
    <message>
        <location filename="../case_header.py" line="146"/>
        <source>phone {phone}</source>
        <translation>电话{phone}</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="120"/>
        <source>Continue the intake</source>
        <translation>继续受理</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="122"/>
        <source>Check the materials and decide</source>
        <translation>审查材料并作出决定</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="134"/>
        <source>Resume</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="213"/>
        <source>Reprint on 80 mm roll</source>
        <translation>用80毫米卷纸补打</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="307"/>
        <source>Something went wrong: {message}</source>
        <translation>出现问题：{message}</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="353"/>
        <source>Reprint {count} of the document made.</source>
        <translation>已生成第{count}次补打文书。</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="377"/>
        <source>Case {number} is now {state}.</source>
        <translation>办件{number}现为“{state}”。</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="414"/>
        <source>Suspend the case</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="415"/>
        <source>Why is the clock paused (hearing, inspection, expert review)?</source>
        <translation>为何暂停计时（听证、现场核查、专家评审）？</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="421"/>
        <source>Decide the case</source>
        <translation>作出决定</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="422"/>
        <source>What was decided?</source>
        <translation>作出了什么决定？</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="431"/>
        <source>Deliver the result</source>
        <translation>送达结果</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="432"/>
        <source>How did the applicant get the result?</source>
        <translation>办理结果如何送达申请人？</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="435"/>
        <source>Collected at the counter</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="436"/>
        <source>Sent by post</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="437"/>
        <source>Sent electronically</source>
        <translation>电子送达</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="443"/>
        <source>Withdraw the case</source>
        <translation>撤回办件</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="444"/>
        <source>Why is the application withdrawn?</source>
        <translation>撤回申请的原因是什么？</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../case_list_model.py" line="198"/>
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="203"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="209"/>
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="214"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="223"/>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="231"/>
        <source>Clerk</source>
        <translation>窗口工作人员</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="369"/>
        <source>Loading...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="176"/>
        <source>Provisional: next year&apos;s holiday schedule is not published yet</source>
        <translation>暂定：次年节假日安排尚未公布</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="218"/>
        <source>Accepted</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="173"/>
        <source>Due on {date}</source>
        <translation>承诺办结日期：{date}</translation>
    </message>
    <message numerus="yes">
        <location filename="../case_list_model.py" line="84"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩余%n个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../case_list_model.py" line="81"/>
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>超期%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="83"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="183"/>
        <source>Missing materials promised by {date}</source>
        <translation>承诺{date}前补齐所缺材料</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <location filename="../case_list_model.py" line="121"/>
        <source>consulted</source>
        <translation>暂存</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="122"/>
        <source>collected by agent</source>
        <translation>已代办收件</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="123"/>
        <source>notice issued</source>
        <translation>待补正</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="124"/>
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="125"/>
        <source>tolerant-accepted</source>
        <translation>已容缺受理</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="126"/>
        <source>rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="127"/>
        <source>in progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="128"/>
        <source>suspended</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="129"/>
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="130"/>
        <source>completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="131"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="132"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>CatalogBrowser</name>
    <message>
        <location filename="../catalog_guide.py" line="63"/>
        <source>Conditions</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="64"/>
        <source>None stated.</source>
        <translation>未载明。</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="65"/>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="67"/>
        <source>No materials are needed.</source>
        <translation>无需提交材料。</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="70"/>
        <source>Situation questions</source>
        <translation>办理情形</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="72"/>
        <source>Time limits</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="74"/>
        <source>Immediate item: completed at the counter.</source>
        <translation>即办件：当场办结。</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="78"/>
        <source>Statutory</source>
        <translation>法定办结时限</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="79"/>
        <source>Promised</source>
        <translation>承诺办结时限</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="80"/>
        <source>Fee</source>
        <translation>收费</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="81"/>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="82"/>
        <source>At this counter</source>
        <translation>本窗口办理</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="84"/>
        <source>A village agent may take it</source>
        <translation>可由村代办员代办</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="87"/>
        <source>Tolerant acceptance allowed</source>
        <translation>可容缺受理</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="94"/>
        <source>Free</source>
        <translation>不收费</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="96"/>
        <source>¥{amount}</source>
        <translation>{amount}元</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="101"/>
        <source>village agency point</source>
        <translation>村便民服务代办点</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="102"/>
        <source>township service centre</source>
        <translation>乡镇便民服务中心</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="103"/>
        <source>county service hall</source>
        <translation>县级政务服务中心</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="110"/>
        <source>{question} = yes</source>
        <translation>“{question}”答“是”</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="115"/>
        <source>{question} = no</source>
        <translation>“{question}”答“否”</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="121"/>
        <source>always</source>
        <translation>必需</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="122"/>
        <source>only if {conditions}</source>
        <translation>仅当{conditions}时需要</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="123"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="129"/>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="153"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="154"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="158"/>
        <source>Item code</source>
        <translation>实施编码</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="159"/>
        <source>Department</source>
        <translation>实施部门</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="160"/>
        <source>Kind</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="162"/>
        <source>Handled at</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="166"/>
        <source>Catalog version</source>
        <translation>指南版本</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="182"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="183"/>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="184"/>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="185"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="186"/>
        <source>Key</source>
        <translation>关键材料</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="223"/>
        <source>{days} working days</source>
        <translation>{days}个工作日</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="225"/>
        <source>{days} calendar days</source>
        <translation>{days}日</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="138"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="141"/>
        <source>Blank form</source>
        <translation>空白表格</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="190"/>
        <source>key</source>
        <translation>关键</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="203"/>
        <source>Key materials are never waived, not even under tolerant acceptance.</source>
        <translation>关键材料在任何情况下（包括容缺受理）都不可缺少。</translation>
    </message>
    <message>
        <location filename="../catalog_guide.py" line="238"/>
        <source>basis: {basis}</source>
        <translation>依据：{basis}</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="73"/>
        <source>低保 / dibao / dbsq / item code</source>
        <translation>低保 / dibao / dbsq / 事项编码</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="76"/>
        <source>Chinese, pinyin, initials or item code; Down: the list; Enter: take the item</source>
        <translation>可输入汉字、全拼、首字母或事项编码；↓：进入列表；回车：选定事项</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="83"/>
        <source>Enter: take this item</source>
        <translation>回车：选定此事项</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="91"/>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="98"/>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="104"/>
        <source>Usual text size</source>
        <translation>正常文字大小</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="110"/>
        <source>Take this item</source>
        <translation>选定此事项</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="112"/>
        <source>Take this item (Enter)</source>
        <translation>选定此事项（回车）</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="124"/>
        <source>&amp;Search:</source>
        <translation>搜索（&amp;S）：</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="187"/>
        <source>{action} ({key})</source>
        <translation>{action}（{key}）</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="208"/>
        <source>Loading the catalog...</source>
        <translation>正在加载办事指南……</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="223"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../catalog_browser.py" line="240"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n个事项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="243"/>
        <source>No service item matches.</source>
        <translation>没有匹配的事项。</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../checklist_model.py" line="111"/>
        <source>original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="112"/>
        <source>copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="113"/>
        <source>electronic copy</source>
        <translation>电子件</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="115"/>
        <source>key</source>
        <translation>关键材料</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="115"/>
        <source>non-key</source>
        <translation>非关键材料</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="116"/>
        <source>{name}  ({form} x{copies}, {key})</source>
        <translation>{name}（{form}{copies}份，{key}）</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../crash_dialog.py" line="56"/>
        <source>ClerkDesk: unexpected error</source>
        <translation>窗口受理台：意外错误</translation>
    </message>
    <message>
        <location filename="../crash_dialog.py" line="59"/>
        <source>Something went wrong inside ClerkDesk ({kind}). You can go on working: check that what you were doing has been saved.</source>
        <translation>窗口受理台内部出现意外错误（{kind}）。可以继续工作，请核对刚才的操作是否已保存。</translation>
    </message>
    <message>
        <location filename="../crash_dialog.py" line="73"/>
        <source>No log file could be written, so the details are lost.</source>
        <translation>无法写入日志文件，错误详情未能保存。</translation>
    </message>
    <message>
        <location filename="../crash_dialog.py" line="76"/>
        <source>The details are in the log file:
{path}
Give this file to whoever looks after ClerkDesk.</source>
        <translation>错误详情已记入日志文件：
{path}
请将此文件交给窗口受理台的维护人员。</translation>
    </message>
    <message numerus="yes">
        <location filename="../crash_dialog.py" line="80"/>
        <source>%n more unexpected error(s) since this message appeared.</source>
        <translation>
            <numerusform>此提示出现后又发生%n次意外错误。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentFields</name>
    <message>
        <location filename="../messages.py" line="151"/>
        <location filename="../messages.py" line="176"/>
        <source>applicant&apos;s name</source>
        <translation>申请人姓名</translation>
    </message>
    <message>
        <location filename="../messages.py" line="152"/>
        <source>contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../messages.py" line="153"/>
        <source>applicant&apos;s phone</source>
        <translation>申请人电话</translation>
    </message>
    <message>
        <location filename="../messages.py" line="154"/>
        <location filename="../messages.py" line="155"/>
        <source>centre name</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../messages.py" line="156"/>
        <source>clerk&apos;s name</source>
        <translation>窗口工作人员姓名</translation>
    </message>
    <message>
        <location filename="../messages.py" line="157"/>
        <source>centre address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <location filename="../messages.py" line="158"/>
        <source>office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location filename="../messages.py" line="159"/>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <location filename="../messages.py" line="161"/>
        <source>item name</source>
        <translation>事项名称</translation>
    </message>
    <message>
        <location filename="../messages.py" line="162"/>
        <location filename="../messages.py" line="163"/>
        <location filename="../messages.py" line="164"/>
        <location filename="../messages.py" line="165"/>
        <source>material name</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../messages.py" line="166"/>
        <source>material note</source>
        <translation>材料说明</translation>
    </message>
    <message>
        <location filename="../messages.py" line="167"/>
        <source>blank form</source>
        <translation>空白表格</translation>
    </message>
    <message>
        <location filename="../messages.py" line="168"/>
        <source>fee basis</source>
        <translation>收费依据</translation>
    </message>
    <message>
        <location filename="../messages.py" line="169"/>
        <source>legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../messages.py" line="170"/>
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../messages.py" line="171"/>
        <source>competent body</source>
        <translation>有权机关</translation>
    </message>
    <message>
        <location filename="../messages.py" line="172"/>
        <source>reconsideration body</source>
        <translation>复议机关</translation>
    </message>
    <message>
        <location filename="../messages.py" line="173"/>
        <source>court</source>
        <translation>人民法院</translation>
    </message>
    <message>
        <location filename="../messages.py" line="174"/>
        <source>village point</source>
        <translation>代办点</translation>
    </message>
    <message>
        <location filename="../messages.py" line="175"/>
        <source>agent&apos;s name</source>
        <translation>代办员姓名</translation>
    </message>
    <message>
        <location filename="../messages.py" line="177"/>
        <source>receiving clerk</source>
        <translation>接收人</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../case_documents_section.py" line="43"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="45"/>
        <source>Serial no.</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="46"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="48"/>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="52"/>
        <source>Made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../case_documents_section.py" line="54"/>
        <source>Printed</source>
        <translation>打印次数</translation>
    </message>
</context>
<context>
    <name>DomainFields</name>
    <message>
        <location filename="../message_catalog.py" line="19"/>
        <location filename="../message_catalog.py" line="95"/>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="20"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="21"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="22"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="23"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="24"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="25"/>
        <location filename="../message_catalog.py" line="26"/>
        <source>Clerk</source>
        <translation>窗口工作人员</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="27"/>
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="28"/>
        <source>Situation questions</source>
        <translation>办理情形</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="29"/>
        <source>Materials received</source>
        <translation>已收取材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="30"/>
        <source>Materials missing</source>
        <translation>需补正材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="31"/>
        <location filename="../message_catalog.py" line="32"/>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="33"/>
        <source>Promise date</source>
        <translation>承诺补齐日期</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="34"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="35"/>
        <source>Legal basis</source>
        <translation>不予受理依据</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="36"/>
        <source>Competent body</source>
        <translation>有权机关</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="37"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="38"/>
        <source>Delivery</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="39"/>
        <source>Proxy</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="40"/>
        <location filename="../message_catalog.py" line="100"/>
        <source>Tracking number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="41"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="42"/>
        <source>Login</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="43"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="44"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="45"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="46"/>
        <source>Public status URL</source>
        <translation>办件查询网址</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="47"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="48"/>
        <source>Roll printer</source>
        <translation>卷纸打印机</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="49"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="50"/>
        <source>Idle lock</source>
        <translation>闲置锁屏</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="51"/>
        <source>Low disk warning</source>
        <translation>磁盘空间提醒</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="52"/>
        <source>Sync interval</source>
        <translation>同步间隔</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="53"/>
        <source>Sync batch size (changes)</source>
        <translation>同步批次大小（条）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="54"/>
        <source>Sync batch size (bytes)</source>
        <translation>同步批次大小（字节）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="55"/>
        <source>Warn after days without a sync</source>
        <translation>未同步天数提醒</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="56"/>
        <source>Warn at changes waiting</source>
        <translation>待同步变更数提醒</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="57"/>
        <source>Supervisor needed after days without a sync</source>
        <translation>未同步天数须中心负责人授权</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="60"/>
        <source>Supervisor&apos;s login</source>
        <translation>中心负责人账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="61"/>
        <source>Supervisor&apos;s password</source>
        <translation>中心负责人密码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="62"/>
        <source>County server address</source>
        <translation>县级服务器地址</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="63"/>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="64"/>
        <location filename="../message_catalog.py" line="65"/>
        <source>Village point</source>
        <translation>代办点</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="66"/>
        <source>Deciding body</source>
        <translation>决定机关名称</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="67"/>
        <source>Administrative review body</source>
        <translation>行政复议机关</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="68"/>
        <source>Court</source>
        <translation>人民法院</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="69"/>
        <source>Batch number</source>
        <translation>清单编号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="70"/>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="71"/>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="72"/>
        <source>Village agent</source>
        <translation>代办员</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="73"/>
        <source>Counter level</source>
        <translation>窗口层级</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="74"/>
        <source>ID card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="75"/>
        <location filename="../message_catalog.py" line="79"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="76"/>
        <location filename="../message_catalog.py" line="77"/>
        <source>Terminal number</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="78"/>
        <source>Document serial prefix</source>
        <translation>文书编号前缀</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="80"/>
        <source>Case list</source>
        <translation>办件列表</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="81"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="82"/>
        <source>Due-soon warning</source>
        <translation>临期提醒</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="83"/>
        <source>Warning share</source>
        <translation>预警比例</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="84"/>
        <source>Minimum working days</source>
        <translation>最少工作日数</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="85"/>
        <source>Calendar source</source>
        <translation>日历数据来源</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="86"/>
        <source>Calendar years</source>
        <translation>日历年份</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="87"/>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="88"/>
        <source>Make-up workdays</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="89"/>
        <source>Holiday calendar data</source>
        <translation>节假日日历数据</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="91"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="92"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="93"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="94"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="96"/>
        <source>Issuing authority</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="97"/>
        <source>Validity</source>
        <translation>有效期限</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="98"/>
        <source>Validity start</source>
        <translation>有效期起始日期</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="99"/>
        <source>Validity end</source>
        <translation>有效期截止日期</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <location filename="../messages.py" line="81"/>
        <source>village</source>
        <translation>村级代办点</translation>
    </message>
    <message>
        <location filename="../messages.py" line="82"/>
        <source>township</source>
        <translation>乡镇便民服务中心</translation>
    </message>
    <message>
        <location filename="../messages.py" line="83"/>
        <source>county</source>
        <translation>县级政务服务中心</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="119"/>
        <location filename="../messages.py" line="101"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="108"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="109"/>
        <source>{field}: {message}</source>
        <translation>{field}：{message}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="112"/>
        <source>ID number is empty</source>
        <translation>未填写身份证号码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="113"/>
        <source>15-digit numbers are no longer valid; ask for the 18-digit number</source>
        <translation>15位身份证号码已停止使用，请申请人提供18位号码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="116"/>
        <source>ID number should have 18 characters, got {length}</source>
        <translation>身份证号码应为18位，实际为{length}位</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="117"/>
        <source>character {pos} should be a digit, got {got}</source>
        <translation>第{pos}位应为数字，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="118"/>
        <source>character 18 (the check character) should be a digit or X, got {got}</source>
        <translation>第18位（校验位）应为数字或 X，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="121"/>
        <source>unknown province code {code} (first two digits)</source>
        <translation>省级行政区划代码{code}（前两位）不存在</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="122"/>
        <source>birth date {digits} (characters 7-14) is not a real date</source>
        <translation>出生日期{digits}（第7-14位）不是有效日期</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="123"/>
        <source>birth date {birth} is before {earliest}</source>
        <translation>出生日期{birth}早于{earliest}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="124"/>
        <source>birth date {birth} is after today ({today})</source>
        <translation>出生日期{birth}晚于今天（{today}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="129"/>
        <source>credit code is empty</source>
        <translation>未填写统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="130"/>
        <source>credit code should have 18 characters, got {length}</source>
        <translation>统一社会信用代码应为18位，实际为{length}位</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="131"/>
        <source>character {pos} is {typed}: the letters I, O, S, V and Z are never used in unified social credit codes (did you mean {hint}?)</source>
        <translation>第{pos}位为{typed}：统一社会信用代码不使用字母 I、O、S、V、Z（是否应为{hint}？）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="135"/>
        <source>character {pos} is {typed}: the letters I, O, S, V and Z are never used in unified social credit codes</source>
        <translation>第{pos}位为{typed}：统一社会信用代码不使用字母 I、O、S、V、Z</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="139"/>
        <source>character {pos} is {typed}, which is not allowed; only digits and capital letters other than I, O, S, V and Z are used</source>
        <translation>第{pos}位为{typed}，不允许使用；只能使用数字和除 I、O、S、V、Z 以外的大写字母</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="125"/>
        <source>the last character (the check character) does not match the 17 digits before it: the number is probably mistyped; compare every digit with the ID card</source>
        <translation>最后一位（校验位）与前17位数字不符：号码可能输入有误，请与身份证逐位核对</translation>
    </message>
    <message>
        <location filename="../messages.py" line="92"/>
        <source>clerk</source>
        <translation>窗口工作人员</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>village agent</source>
        <translation>代办员</translation>
    </message>
    <message>
        <location filename="../messages.py" line="94"/>
        <source>supervisor</source>
        <translation>中心负责人</translation>
    </message>
    <message>
        <location filename="../messages.py" line="95"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../messages.py" line="111"/>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="143"/>
        <source>the last character (the check character) does not match the 17 characters before it: the code is probably mistyped; compare every character with the business licence</source>
        <translation>最后一位（校验位）与前17位不符：代码可能输入有误，请与营业执照逐位核对</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="147"/>
        <source>phone number is empty</source>
        <translation>未填写电话号码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="148"/>
        <source>{typed} does not belong in a phone number; use digits only</source>
        <translation>电话号码中不能有{typed}，请只填写数字</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="149"/>
        <source>only mainland China numbers (+86) are accepted</source>
        <translation>只接受中国大陆号码（+86）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="150"/>
        <source>after +86 only a mobile number is accepted; write landlines with their area code, e.g. 0571-88889999</source>
        <translation>+86后只能填写手机号码；固定电话请带区号填写，例如0571-88889999</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="154"/>
        <source>mobile numbers have 11 digits, got {length} ({number})</source>
        <translation>手机号码应为11位，实际为{length}位（{number}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="155"/>
        <source>mobile numbers start with 13 to 19, got {start} ({number})</source>
        <translation>手机号码应以13至19开头，实际为{start}（{number}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="156"/>
        <source>{code} is not a mainland area code (010, 02x or 0xxx)</source>
        <translation>{code}不是中国大陆的长途区号（应为010、02x或0xxx）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="157"/>
        <source>the local number after area code {area} should have 7 or 8 digits, got {length}</source>
        <translation>区号{area}后的本地号码应为7位或8位，实际为{length}位</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="161"/>
        <source>expected a mainland mobile number (11 digits starting with 13-19) or a landline number with its area code (e.g. 0571-88889999); got {typed}</source>
        <translation>应填写中国大陆手机号码（以13-19开头的11位数字）或带区号的固定电话（例如0571-88889999），实际为{typed}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="165"/>
        <source>character {pos} is {shown}, a control character; remove it</source>
        <translation>第{pos}个字符{shown}是控制字符，请删除</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="166"/>
        <source>character {pos} is {shown}, an invisible formatting character; remove it</source>
        <translation>第{pos}个字符{shown}是不可见的格式字符，请删除</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="170"/>
        <source>character {pos} is {shown}, a lone surrogate (the text was decoded wrongly); remove it</source>
        <translation>第{pos}个字符{shown}是单独的代理码位（文字编码转换有误），请删除</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="174"/>
        <source>character {pos} is {shown}, a private-use character other computers cannot display; remove it</source>
        <translation>第{pos}个字符{shown}是自造字（私用区字符），其他电脑无法显示，请删除</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="178"/>
        <source>character {pos} is {shown}, not an assigned Unicode character; remove it</source>
        <translation>第{pos}个字符{shown}不是已分配的 Unicode 字符，请删除</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="182"/>
        <source>character {pos} is {shown}, a line break; remove it</source>
        <translation>第{pos}个字符{shown}是换行符，请删除</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="183"/>
        <source>character {pos} is {shown}, a paragraph break; remove it</source>
        <translation>第{pos}个字符{shown}是分段符，请删除</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="184"/>
        <source>{field} is empty</source>
        <translation>未填写{field}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="185"/>
        <source>{field} has {length} characters; at most {max_len} are allowed</source>
        <translation>{field}有{length}个字符，最多允许{max_len}个</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="189"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}: no digit 0 is used (nor the letter O) in {what}s</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}：{what}中不使用数字0（也不使用字母 O）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="193"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}: no letter O is used (nor the digit 0) in {what}s</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}：{what}中不使用字母 O（也不使用数字0）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="197"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}: no digit 1 is used (nor the letters I and L) in {what}s</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}：{what}中不使用数字1（也不使用字母 I 和 L）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="201"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}: no letter I is used (nor the digit 1 or the letter L) in {what}s</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}：{what}中不使用字母 I（也不使用数字1和字母 L）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="205"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}: no letter L is used (nor the digit 1 or the letter I) in {what}s</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}：{what}中不使用字母 L（也不使用数字1和字母 I）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="209"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}: no letter S is used; it is probably the digit 5 in {what}s</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}：{what}中不使用字母 S，可能应为数字5</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="213"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}: no letter Z is used; it is probably the digit 2 in {what}s</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}：{what}中不使用字母 Z，可能应为数字2</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="217"/>
        <source>{what} is empty</source>
        <translation>未填写{what}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="218"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}, which never appears in {what}s (they use only the symbols {alphabet})</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}，{what}中不会出现这个字符（只使用{alphabet}这些字符）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="222"/>
        <source>tracking number should have {length} characters (not counting spaces and hyphens), got {got}</source>
        <translation>办件编号应为{length}位（不计空格和连字符），实际为{got}位</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="226"/>
        <source>tracking number fails its check character test; it is probably mistyped (compare it with the receipt)</source>
        <translation>办件编号校验未通过，可能输入有误（请与受理回执核对）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="230"/>
        <source>daily tracking-number sequence exhausted for this terminal</source>
        <translation>本终端今日的办件编号已用完</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="231"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}, but tracking numbers are digits only; it is probably the digit {digit}</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}，但办件编号只有数字，这里可能应为数字{digit}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="235"/>
        <source>character {pos} (not counting spaces and hyphens) is {typed}, but tracking numbers are digits only</source>
        <translation>第{pos}位（不计空格和连字符）为{typed}，但办件编号只有数字</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="239"/>
        <source>tracking number should have {length} digits (not counting spaces and hyphens), got {got}</source>
        <translation>办件编号应为{length}位数字（不计空格和连字符），实际为{got}位</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="243"/>
        <source>tracking number begins with {digits}, which is no date; it is probably mistyped (compare it with the receipt)</source>
        <translation>办件编号的前六位{digits}不是有效日期，可能输入有误（请与受理回执核对）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="247"/>
        <source>a terminal number has {length} digits, like 00042; got {typed}</source>
        <translation>终端编号为{length}位数字，如00042；实际输入为{typed}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="250"/>
        <source>terminal numbers {first}-{last} are drawn by terminals not yet enrolled, and 00000 is none: the county assigns 00001-{highest}</source>
        <translation>终端编号{first}至{last}留给尚未登记的终端临时使用，00000不是终端编号：县级分配的编号为00001至{highest}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="255"/>
        <source>a rejection names the bodies the applicant may appeal to, and {fields} is not set: a supervisor or an admin sets it in Settings</source>
        <translation>不予受理通知书须写明申请人申请行政复议和提起行政诉讼的机关，{fields}尚未设置：请中心负责人或管理员在设置中填写。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="259"/>
        <source>case {number}: the materials were received on {received_on} and a one-time notice was due by {due_by} (Administrative Licensing Law art. 32): the application counts as accepted from the day of receipt; accept the case</source>
        <translation>办件{number}的材料于{received_on}收到，一次性告知应在{due_by}前作出（《行政许可法》第三十二条）：逾期未告知的，自收到申请材料之日起即为受理；请受理本件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="263"/>
        <source>case {number}: nothing was received at the visit on {opened_on}, so a one-time notice could only be given that day; tick what the applicant hands in today (the notice then counts from today), or give them the service guide</source>
        <translation>办件{number}：{opened_on}来办时未收取任何材料，一次性告知只能当天作出；请勾选申请人今天递交的材料（告知自今天起算），或向其提供办事指南</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="267"/>
        <source>item {code} is accepted at {level} level and this is a {counter_level} counter: name the competent body the applicant should turn to</source>
        <translation>事项{code}须由{level}受理，本窗口属于{counter_level}：请填写申请人应当前往申请的有权机关</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="271"/>
        <source>no applicant with id {id}</source>
        <translation>找不到 ID 为{id}的申请人</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="272"/>
        <source>item {code} ({name}) may not be taken by a village agent; the applicant must come to the township counter</source>
        <translation>事项{code}（{name}）不能由代办员代办，申请人须到乡镇窗口办理</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="276"/>
        <source>a village agent needs the applicant&apos;s letter of authorisation</source>
        <translation>代办员代办须有申请人的授权委托书</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="280"/>
        <source>case {number} has been collected: its materials are checked and decided at the township counter after the hand-over</source>
        <translation>办件{number}已代办收件：移交后由乡镇窗口审查材料并作出决定</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="284"/>
        <source>{name} is a village agent: the township counter accepts, notifies or rejects after the hand-over; at the village point, collect the materials of case {number}</source>
        <translation>{name}是代办员：受理、一次性告知或不予受理由乡镇窗口在移交后作出；在代办点请为办件{number}代办收件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="288"/>
        <source>case {number} was not taken by {name}: an agent collects only the cases they took</source>
        <translation>办件{number}不是{name}代办的：代办员只能为自己代办的办件收件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="292"/>
        <source>only a village agent collects a case for the township; at the counter, accept, notify or reject case {number}</source>
        <translation>只有代办员为乡镇代办收件；在窗口请对办件{number}作出受理、一次性告知或不予受理</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="296"/>
        <source>case {number} was collected by the village agent {name} and its handover list has not been received here yet: receive the list first</source>
        <translation>办件{number}由代办员{name}代办收件，其移交清单尚未接收：请先接收移交清单</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="300"/>
        <source>case {number}: nothing was collected; the applicant keeps the case until they have materials to hand in</source>
        <translation>办件{number}：未收取任何材料；申请人备齐材料后再代办收件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="304"/>
        <source>name the village point where the materials are collected (it is printed on the receipt)</source>
        <translation>请填写代办收件的代办点（打印在代办收件回执上）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="308"/>
        <source>no person with id {id}</source>
        <translation>找不到 ID 为{id}的个人</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="309"/>
        <source>the applicant cannot act for themself</source>
        <translation>申请人不能作为自己的代理人</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="310"/>
        <source>the person acting is {age} years old: only an adult may act for an applicant</source>
        <translation>代理人年仅{age}岁：只有成年人可以代为办理</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="314"/>
        <source>who acts for the applicant? register the person acting (their name and ID number) with the letter of authorisation</source>
        <translation>由谁代为办理？请登记代理人（姓名和身份证号码）及授权委托书</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="318"/>
        <source>the applicant is {age} years old: a guardian must act for a minor (record them as proxy with the letter of authorisation)</source>
        <translation>申请人现年{age}周岁，未成年人须由监护人代为申请（请将监护人登记为代理人，并附授权委托书）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="322"/>
        <source>case {number} is {state}: its answers are frozen</source>
        <translation>办件{number}当前为“{state}”，办理情形已不能修改</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="323"/>
        <source>item {code} does not ask this question (it asks: nothing)</source>
        <translation>事项{code}没有这个情形问题（该事项没有情形问题）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="324"/>
        <source>item {code} does not ask this question (it asks: {questions})</source>
        <translation>事项{code}没有这个情形问题（该事项的情形问题：{questions}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="327"/>
        <source>must be yes or no, got {got}</source>
        <translation>只能选择是或否，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="328"/>
        <source>case {number} was opened without a proxy: for someone acting on the applicant&apos;s behalf, start a new intake with the proxy and the letter of authorisation</source>
        <translation>办件{number}登记时没有代理人：如由他人代为办理，请勾选“由委托代理人办理”并登记代理人和授权委托书后重新受理</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="332"/>
        <source>case {number} records a proxy with a letter of authorisation: the answer is yes</source>
        <translation>办件{number}已登记代理人和授权委托书：此项应答“是”</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="336"/>
        <source>case {number} is {state}: its checklist is closed</source>
        <translation>办件{number}当前为“{state}”，材料清单已不能修改</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="337"/>
        <source>marked both received and missing</source>
        <translation>同时被标记为已收取和需补正</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="338"/>
        <source>both marked and unmarked in one call</source>
        <translation>同一次操作中既标记又取消标记</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="339"/>
        <source>material {material} is not on the checklist of case {number} ({item}) with its answers</source>
        <translation>材料{material}不在办件{number}（{item}）按所选情形列出的材料清单中</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="343"/>
        <source>material {material} was not listed on the one-time notice of case {number}; only what the notice listed may be asked for</source>
        <translation>材料{material}未列入办件{number}的一次性告知书；只能要求补正告知书所列的材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="347"/>
        <source>case {number}: unanswered questions: {questions}</source>
        <translation>办件{number}尚有未选择的办理情形：{questions}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="348"/>
        <source>case {number}: materials not yet checked: {materials}</source>
        <translation>办件{number}尚有未核对的材料：{materials}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="349"/>
        <source>item {code} is accepted at {level} level and this is a {counter_level} counter: reject case {number} with a referral to the competent body</source>
        <translation>事项{code}须由{level}受理，本窗口属于{counter_level}：请对办件{number}作出不予受理，并告知申请人向有权机关申请</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="353"/>
        <source>case {number} cannot be accepted: missing {materials}</source>
        <translation>办件{number}不能受理：缺少{materials}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="354"/>
        <source>item {code} ({name}) does not allow tolerant acceptance</source>
        <translation>事项{code}（{name}）不适用容缺受理</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="355"/>
        <source>case {number}: nothing is missing; accept it instead</source>
        <translation>办件{number}材料齐全，请直接受理</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="356"/>
        <source>case {number}: key materials are never waived: {materials}</source>
        <translation>办件{number}：关键材料不能容缺：{materials}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="357"/>
        <source>must be after today ({today})</source>
        <translation>须晚于今天（{today}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="358"/>
        <source>must not be after the case&apos;s due date {due_on}</source>
        <translation>不得晚于办件的承诺办结日期{due_on}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="359"/>
        <source>a one-time notice was already issued for case {number} on {day}; a second notice is not allowed: reprint the first one</source>
        <translation>办件{number}已于{day}出具一次性告知书，不得再次告知：请补打原告知书</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="363"/>
        <source>case {number}: nothing is missing; no notice is needed</source>
        <translation>办件{number}材料齐全，无需一次性告知</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="364"/>
        <source>case {number}: {materials} were already received with case {earlier} on this item and are not asked for again: tick them received</source>
        <translation>办件{number}：{materials}已随该申请人此事项的在办件{earlier}收取，不再要求提交；请勾选为已收取</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="369"/>
        <source>no active staff account with id {id}</source>
        <translation>找不到 ID 为{id}的在用工作人员账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="370"/>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="371"/>
        <source>is {length} characters long; at most {max_len} allowed</source>
        <translation>共{length}个字符，最多允许{max_len}个</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="372"/>
        <source>contains control character {code} at {pos}</source>
        <translation>第{pos}个字符是控制字符{code}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="373"/>
        <source>case_id: no case with id {id}</source>
        <translation>找不到 ID 为{id}的办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="374"/>
        <source>tracking_number: no case {number}</source>
        <translation>找不到办件编号为{number}的办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="375"/>
        <source>case {number} is {state}; only a suspended case resumes</source>
        <translation>办件{number}当前为“{state}”；只有暂停计时的办件才能恢复计时</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="376"/>
        <source>case {number} was not tolerant-accepted: nothing was promised</source>
        <translation>办件{number}不是容缺受理的，没有承诺补齐的材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="379"/>
        <source>case {number} is {state}: no materials are awaited any more</source>
        <translation>办件{number}当前为“{state}”，已不再等待补齐材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="380"/>
        <source>name at least one material that arrived</source>
        <translation>请至少指明一项已补齐的材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="381"/>
        <source>{material} is not a promised material of case {number}</source>
        <translation>{material}不是办件{number}承诺补齐的材料</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="382"/>
        <source>case {number} is handled by the county&apos;s back office now: this terminal only hands the result over</source>
        <translation>办件{number}已由县级承办部门办理，本终端只负责送达办理结果。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="388"/>
        <source>case {number} is {current}; it cannot become {target}: only an immediate item is completed at acceptance, others are processed and decided first (allowed next: {states})</source>
        <translation>办件{number}当前为“{current}”，不能转为“{target}”：只有即办件可在受理后直接办结，其他办件须先承办、决定（下一步只能是：{states}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="394"/>
        <source>case {number} is {current}; it cannot become {target} (allowed next: none: the case is closed)</source>
        <translation>办件{number}当前为“{current}”，不能转为“{target}”（办件已终结，不能再办理）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="398"/>
        <source>case {number} is {current}; it cannot become {target} (allowed next: {states})</source>
        <translation>办件{number}当前为“{current}”，不能转为“{target}”（下一步只能是：{states}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="403"/>
        <source>must be 1-64 printable characters without spaces</source>
        <translation>须为1-64个可打印字符，不能有空格</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="404"/>
        <source>must be one of {choices}, got {got}</source>
        <translation>须为{choices}之一，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="405"/>
        <source>must have at least {min_length} characters</source>
        <translation>至少须有{min_length}个字符</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="406"/>
        <source>must not be the login</source>
        <translation>不能与账号相同</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="407"/>
        <source>must not be the demo account&apos;s password</source>
        <translation>不能使用演示账号的密码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="408"/>
        <source>must differ from the current password</source>
        <translation>不能与当前密码相同</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="409"/>
        <source>only a village agent serves a village point</source>
        <translation>只有代办员才填写代办点</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="410"/>
        <source>only an admin may create, disable or enable staff accounts</source>
        <translation>只有管理员可以新建、停用或启用工作人员账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="411"/>
        <source>the login {login} is kept for the demo account</source>
        <translation>账号{login}留给演示账号使用</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="412"/>
        <source>login {login} is already taken</source>
        <translation>账号{login}已被使用</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="413"/>
        <source>{login} is already taken</source>
        <translation>{login}已被使用</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="414"/>
        <source>no staff account with id {id}</source>
        <translation>找不到 ID 为{id}的工作人员账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="415"/>
        <source>nobody may disable their own account</source>
        <translation>不能停用自己的账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="416"/>
        <source>the account {login} is already disabled</source>
        <translation>账号{login}已停用</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="417"/>
        <source>the account {login} is already active</source>
        <translation>账号{login}已在使用中</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="418"/>
        <source>the account {login} is the last active admin: create another admin first</source>
        <translation>账号{login}是最后一个在用的管理员账号：请先新建另一个管理员</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="422"/>
        <source>the demo account stays disabled once a real admin exists: its password is public</source>
        <translation>已有正式管理员，演示账号不能再启用：其密码是公开的</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="426"/>
        <source>the village agent {login} has no village point</source>
        <translation>代办员{login}没有填写代办点</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="427"/>
        <source>the demo account&apos;s password cannot be changed</source>
        <translation>演示账号的密码不能更改</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="428"/>
        <source>a {actor_role} may not reset the password of a {role}</source>
        <translation>{actor_role}不能重置{role}的密码</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="429"/>
        <source>the account {login} is locked after {count} failed logins; try again after {until}</source>
        <translation>账号{login}连续{count}次登录失败，已锁定，请在{until}后再试</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="434"/>
        <source>the centre is set up already: an admin account exists</source>
        <translation>本便民服务中心已完成初始设置：已有管理员账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="436"/>
        <source>case {number} is {state}: no outcome document to print</source>
        <translation>办件{number}当前为“{state}”，没有可打印的结果文书</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="437"/>
        <source>document_id: no document {id}</source>
        <translation>找不到文书{id}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="438"/>
        <source>item {code} ({name}) names no deciding body and the centre&apos;s {field} is not set: a decision cannot be issued without the name of the body that makes it; a supervisor or an admin sets it in Settings</source>
        <translation>事项{code}（{name}）未写明决定机关，本窗口的“{field}”也未设置：决定须以决定机关的名义作出；请中心负责人或管理员在设置中填写。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="442"/>
        <source>the {document} is printed on A4 only (it is sealed and the applicant keeps it), and this counter has only the 80 mm roll printer: choose an A4 printer in Settings</source>
        <translation>《{document}》须盖章并由申请人留存，只能用A4纸打印，而本窗口只有80毫米热敏纸打印机：请在设置中选择A4打印机。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="447"/>
        <source>the {document} is printed on A4 only: it is sealed and the applicant keeps it</source>
        <translation>《{document}》须盖章并由申请人留存，只能用A4纸打印。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="452"/>
        <source>type or scan the batch number of the handover list</source>
        <translation>请输入或扫描移交清单的清单编号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="453"/>
        <source>handover code version {version} is not known to this ClerkDesk (it reads version {known})</source>
        <translation>本窗口受理台不识别移交清单二维码版本{version}（只能识别版本{known}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="457"/>
        <source>the scanned handover code carries no batch number</source>
        <translation>扫描的移交清单二维码中没有清单编号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="458"/>
        <source>{typed} is not a handover batch number (like HO-90421-20261123-01)</source>
        <translation>{typed}不是移交清单编号（格式如HO-90421-20261123-01）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="465"/>
        <source>this terminal has no terminal number yet: finish its set-up first</source>
        <translation>本终端还没有终端编号：请先完成终端设置</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="486"/>
        <source>case {number} is {state}: only cases the agent collected go to the township with their materials</source>
        <translation>办件{number}的状态为{state}：只有已代办收件的办件随材料移交乡镇</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="554"/>
        <source>must be a whole number of MB from 0 (no warning) to {limit}</source>
        <translation>须为0（不提醒）到{limit}之间的整数（MB）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="555"/>
        <source>must be a full path to a folder, e.g. /media/usb/clerk-desk, or empty for none</source>
        <translation>须为文件夹的完整路径，例如 /media/usb/clerk-desk；不设则留空</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="561"/>
        <source>only an admin may change the terminal number: every tracking number carries it</source>
        <translation>只有管理员可以更改终端编号：每个办件编号都含有它</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="575"/>
        <source>the disk is full or failing</source>
        <translation>磁盘已满或出现故障</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="576"/>
        <source>empty (0 bytes)</source>
        <translation>为空（0字节）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="577"/>
        <source>missing</source>
        <translation>不存在</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="595"/>
        <source>the list {view} is not shown to a {role}: a village agent sees only the cases they collected</source>
        <translation>{role}不能查看列表{view}：代办员只能查看本人收件的办件。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="690"/>
        <source>ClerkDesk is already open on this computer for the data directory {path}; use the open window</source>
        <translation>本机已经打开了使用数据目录{path}的窗口受理台；请使用已打开的窗口。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="695"/>
        <source>the store {path} is damaged ({problem}); nothing can be saved. No good backup was found: call the county&apos;s IT officer before working on</source>
        <translation>数据库{path}已损坏（{problem}），无法保存任何内容。未找到完好的备份：请先联系县里的信息技术人员再继续办理。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="699"/>
        <source>the store {path} is damaged ({problem}); nothing can be saved. Restore the newest good backup: clerk-desk restore {backup}</source>
        <translation>数据库{path}已损坏（{problem}），无法保存任何内容。请恢复最新的完好备份：clerk-desk restore {backup}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="703"/>
        <source>the store {path} is {condition}, but this data directory was used before; it is not set up as a new terminal. To start over deliberately: clerk-desk --new-store info</source>
        <translation>数据库{path}{condition}，但此数据目录以前使用过，不会作为新终端设置。如确需重新开始：clerk-desk --new-store info</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="707"/>
        <source>the store {path} is {condition}, but this data directory was used before; it is not set up as a new terminal. Restore the newest good backup: clerk-desk restore {backup} (or start over deliberately: clerk-desk --new-store info)</source>
        <translation>数据库{path}{condition}，但此数据目录以前使用过，不会作为新终端设置。请恢复最新的完好备份：clerk-desk restore {backup}（如确需重新开始：clerk-desk --new-store info）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="711"/>
        <source>the copy failed its integrity check ({problem}): the store is probably damaged</source>
        <translation>副本未通过完整性检查（{problem}）：数据库可能已损坏</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="715"/>
        <source>{path}: there is no store to back up</source>
        <translation>{path}：没有可备份的数据库</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="716"/>
        <source>{folder}: cannot write a backup there: {reason}</source>
        <translation>{folder}：无法在此写入备份：{reason}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="717"/>
        <source>{folder}: the disk is full: {free} MB free, the backup needs {needed} MB</source>
        <translation>{folder}：磁盘已满：剩余{free} MB，备份需要{needed} MB</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="721"/>
        <source>only a supervisor or an admin may back up or restore the store</source>
        <translation>只有中心负责人或管理员可以备份或恢复数据库</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="724"/>
        <source>{file}: no such backup file</source>
        <translation>{file}：没有这个备份文件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="725"/>
        <source>{file} is damaged ({problem}); choose another backup</source>
        <translation>{file}已损坏（{problem}），请选择其他备份</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="726"/>
        <source>{file} is not a ClerkDesk store ({error})</source>
        <translation>{file}不是窗口受理台数据库（{error}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="727"/>
        <source>{file} is at schema revision {revision}, unknown to this ClerkDesk</source>
        <translation>{file}的数据库结构版本为{revision}，本版窗口受理台无法识别</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="730"/>
        <source>ClerkDesk is open on {data_dir}: close it (or restore from its Backups dialog)</source>
        <translation>窗口受理台正在使用{data_dir}：请先关闭（或在其“备份”对话框中恢复）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="734"/>
        <source>{file} is another terminal&apos;s backup (terminal {theirs}, this one is {ours}); restore it only on purpose, with --force</source>
        <translation>{file}是其他终端的备份（终端{theirs}，本终端为{ours}）；确需恢复时请加--force</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="738"/>
        <source>cannot restore {file}: {reason}; the store is as it was</source>
        <translation>无法恢复{file}：{reason}；数据库保持原样</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="739"/>
        <source>{path}: not migrated, the copy before migrating failed: {error}</source>
        <translation>{path}：未升级，升级前的备份失败：{error}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="461"/>
        <source>must be a list of case ids, not one string</source>
        <translation>须为办件 ID 的列表，而不是单个字符串</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="462"/>
        <source>a handover list needs at least one case</source>
        <translation>移交清单至少要有一件办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="463"/>
        <source>{count} cases on one list; at most {max_cases} fit</source>
        <translation>一张清单列了{count}件，最多只能列{max_cases}件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="464"/>
        <source>is the same case as case_ids[{index}]</source>
        <translation>与 case_ids[{index}] 是同一件办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="468"/>
        <source>batch number {batch} was taken while the list was being made; make the list again</source>
        <translation>制作清单期间清单编号{batch}已被占用，请重新制作</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="472"/>
        <source>{name} is a village agent: a handover list is received at the township counter by a clerk</source>
        <translation>{name}是代办员：移交清单须由乡镇窗口工作人员接收</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="476"/>
        <source>handover list {batch} was already received by {name} at {at}</source>
        <translation>移交清单{batch}已由{name}于{at}接收</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="477"/>
        <source>{name} is not a village agent: only an agent hands cases over with a handover list</source>
        <translation>{name}不是代办员：只有代办员才能用移交清单移交办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="481"/>
        <source>no case with id {id}</source>
        <translation>找不到 ID 为{id}的办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="482"/>
        <source>case {number} was not taken by {name}: an agent hands over only the cases they took</source>
        <translation>办件{number}不是{name}代办的：代办员只能移交自己代办的办件</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="490"/>
        <source>case {number} is already on handover list {batch}</source>
        <translation>办件{number}已列入移交清单{batch}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="491"/>
        <source>999 handover lists made today on terminal {terminal}</source>
        <translation>终端{terminal}今日已制作999张移交清单，已达上限</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="492"/>
        <source>batch_number: no handover list {batch}</source>
        <translation>找不到移交清单{batch}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="494"/>
        <source>sex should be 男 or 女, got {got}</source>
        <translation>性别应为男或女，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="495"/>
        <source>birth date {card_birth} on the card does not match the ID number {number}, which gives {id_birth}; read the card again</source>
        <translation>身份证上的出生日期{card_birth}与身份证号码{number}不符（号码中为{id_birth}），请重新读卡</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="499"/>
        <source>sex {card_sex} on the card does not match the ID number {number} (its 17th digit says {id_sex}); read the card again</source>
        <translation>身份证上的性别{card_sex}与身份证号码{number}不符（号码第17位表示{id_sex}），请重新读卡</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="503"/>
        <source>validity starts on {valid_from}, before the birth date {birth}</source>
        <translation>有效期起始日期{valid_from}早于出生日期{birth}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="506"/>
        <source>validity ends on {valid_until}, before it starts ({valid_from})</source>
        <translation>有效期截止日期{valid_until}早于起始日期（{valid_from}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="509"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="510"/>
        <source>ID card reader {reader} is not connected: check its USB cable and driver, then try again</source>
        <translation>身份证读卡器{reader}未连接：请检查 USB 线和驱动程序，然后重试</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="514"/>
        <source>ID card reader {reader} did not answer in time: unplug it, plug it in again and retry</source>
        <translation>身份证读卡器{reader}未及时响应：请拔下后重新插上，再试一次</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="518"/>
        <source>ID card reader {reader} could not read the card: take it off, put it back flat on the reader and retry (a damaged chip cannot be read)</source>
        <translation>身份证读卡器{reader}读不出这张身份证：请取下后平放回读卡器上重试（芯片损坏的身份证无法读取）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="522"/>
        <source>nothing was read; put the card on the reader again</source>
        <translation>没有读到内容，请将身份证重新放到读卡器上</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="523"/>
        <source>the {field} field is empty</source>
        <translation>{field}一栏为空</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="524"/>
        <source>a card record has {count} fields separated by tabs ({fields}); got {got}</source>
        <translation>身份证信息应有{count}项，以制表符分隔（{fields}），实际为{got}项</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="528"/>
        <source>a card record has {count} fields separated by commas ({fields}); got {got}</source>
        <translation>身份证信息应有{count}项，以逗号分隔（{fields}），实际为{got}项</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="532"/>
        <source>a card record has {count} fields separated by {separator} ({fields}); got {got}</source>
        <translation>身份证信息应有{count}项，以{separator}分隔（{fields}），实际为{got}项</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="536"/>
        <source>sex should be 男 or 女 (or the code 1 or 2), got {got}</source>
        <translation>性别应为男或女（或代码1或2），实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="537"/>
        <source>ethnicity code {code} is not a GB 3304 code (01-56)</source>
        <translation>民族代码{code}不是 GB 3304规定的代码（01-56）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="538"/>
        <source>{field} should be written YYYYMMDD, got {got}</source>
        <translation>{field}应写作 YYYYMMDD，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="539"/>
        <source>{field} {shown} is not a real date</source>
        <translation>{field} {shown}不是有效日期</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="540"/>
        <source>validity should be written YYYYMMDD-YYYYMMDD or YYYYMMDD-长期, got {got}</source>
        <translation>有效期限应写作 YYYYMMDD-YYYYMMDD 或 YYYYMMDD-长期，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="545"/>
        <source>must be one of {choices}</source>
        <translation>须为{choices}之一</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="546"/>
        <source>must be an http(s) address with a host, e.g. https://zwfw.example.gov.cn/status</source>
        <translation>须为带主机名的http或https网址，例如 https://zwfw.example.gov.cn/status</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="550"/>
        <source>must be cups:QUEUE, qt:NAME, folder:PATH or empty</source>
        <translation>须从列表中选择打印机或文件夹，或留空</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="551"/>
        <source>must be between 1 and 240</source>
        <translation>须在1到240之间</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="552"/>
        <source>must be keyboard or simulated</source>
        <translation>须为 keyboard（键盘式）或 simulated（模拟）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="553"/>
        <source>must be a4 or roll80</source>
        <translation>须为 a4 或 roll80</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="560"/>
        <source>only a supervisor or an admin may change {settings}</source>
        <translation>只有中心负责人或管理员才能修改{settings}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="566"/>
        <source>80 mm roll</source>
        <translation>80毫米卷</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="567"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="568"/>
        <source>no printer is chosen for {paper} paper in Settings</source>
        <translation>尚未在设置中选择{paper}纸的打印机</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="569"/>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="570"/>
        <source>printer {queue} is not accepting jobs: {reason}</source>
        <translation>打印机{queue}不接受打印任务：{reason}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="571"/>
        <source>printer {queue} is stopped: {reason}</source>
        <translation>打印机{queue}已停用：{reason}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="572"/>
        <source>lpstat exit status {status}</source>
        <translation>lpstat 退出状态{status}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="573"/>
        <source>lp exit status {status}</source>
        <translation>lp 退出状态{status}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="574"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="578"/>
        <source>no permission to write there</source>
        <translation>没有写入该位置的权限</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="579"/>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="580"/>
        <source>printing system not available: the &apos;lp&apos; command is missing</source>
        <translation>打印系统不可用：缺少 lp 命令</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="581"/>
        <source>printer {queue}: no answer within {seconds} s</source>
        <translation>打印机{queue}：{seconds}秒内无响应</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="582"/>
        <source>printer {queue}: {reason}</source>
        <translation>打印机{queue}：{reason}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="583"/>
        <source>cannot write to {folder}: {reason}</source>
        <translation>无法写入{folder}：{reason}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="584"/>
        <source>no printer is chosen in Settings</source>
        <translation>尚未在设置中选择打印机</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="585"/>
        <source>printer setting {value} is not cups:NAME or folder:PATH</source>
        <translation>打印机设置“{value}”无法识别：请在“设置”中重新选择打印机或文件夹</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="587"/>
        <source>no installed font has a glyph for &apos;{char}&apos; ({code}) in field {document_fields}</source>
        <translation>已安装的字体都无法显示字段{document_fields}中的“{char}”（{code}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="591"/>
        <source>no usable CJK font (TrueType outlines) is installed</source>
        <translation>没有安装可用的中文字体（TrueType 轮廓）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="592"/>
        <source>{problem}; {more}</source>
        <translation>{problem}；{more}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="594"/>
        <source>the list of my cases needs the logged-in clerk</source>
        <translation>“我的办件”列表需要已登录的工作人员</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="599"/>
        <source>at most {max_len} characters</source>
        <translation>最多{max_len}个字符</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="600"/>
        <source>must be a whole number</source>
        <translation>须为整数</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="601"/>
        <source>must be at least 1</source>
        <translation>至少为1</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="603"/>
        <source>must be a number, got {got}</source>
        <translation>须为数字，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="604"/>
        <source>must be at least 0 and below 1, got {got}</source>
        <translation>须大于等于0且小于1，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="605"/>
        <source>must be a whole number, got {got}</source>
        <translation>须为整数，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="606"/>
        <source>must not be negative, got {got}</source>
        <translation>不能为负数，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="608"/>
        <source>{dates} and {more} more</source>
        <translation>{dates}等（另有{more}个）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="609"/>
        <source>must hold plain dates, got {got}</source>
        <translation>只能包含日期，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="610"/>
        <source>must name where the calendar data comes from</source>
        <translation>须注明日历数据的来源</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="611"/>
        <source>must hold integer years, got {got}</source>
        <translation>只能包含整数年份，实际为{got}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="612"/>
        <source>year out of range: {year}</source>
        <translation>年份超出范围：{year}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="613"/>
        <source>dates both holiday and make-up workday: {dates}</source>
        <translation>以下日期同时被列为节假日和调休上班日：{dates}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="614"/>
        <source>dates outside the listed years: {dates}</source>
        <translation>以下日期不在所列年份内：{dates}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="615"/>
        <source>a make-up workday must be a Saturday or Sunday: {dates}</source>
        <translation>调休上班日须为星期六或星期日：{dates}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="616"/>
        <source>must be a collection of integer years</source>
        <translation>须为若干整数年份</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="617"/>
        <source>unexpected entry {value}</source>
        <translation>无法识别的条目{value}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="619"/>
        <source>migration left broken references: {problems}</source>
        <translation>数据库升级后存在失效的引用：{problems}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="620"/>
        <source>{path}: cannot read the database: {error}</source>
        <translation>{path}：无法读取数据库：{error}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="621"/>
        <source>{path}: the database is at schema revision {revision}, written by a newer ClerkDesk; update the application instead of opening it with this one</source>
        <translation>{path}：数据库结构版本为{revision}，由较新版本的窗口受理台写入；请升级本程序，不要用当前版本打开</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="626"/>
        <source>the disk is full: {path} cannot be written. Nothing was saved; free some space and try again</source>
        <translation>磁盘已满：无法写入{path}。本次操作未保存任何内容；请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="630"/>
        <source>{path} cannot be written: the disk is full or failing. Nothing was saved; free some space and try again</source>
        <translation>无法写入{path}：磁盘已满或出现故障。本次操作未保存任何内容；请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="634"/>
        <source>the data directory {path} is read-only: nothing can be saved there</source>
        <translation>数据目录{path}为只读：无法在其中保存任何内容。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="637"/>
        <source>the data directory {path} is read-only and holds no ClerkDesk store yet: ClerkDesk cannot set one up there</source>
        <translation>数据目录{path}为只读，且其中还没有窗口受理台数据库：窗口受理台无法在此建立。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="641"/>
        <source>the data directory {path} is read-only and its database cannot be read there: {error}</source>
        <translation>数据目录{path}为只读，其中的数据库在此无法读取：{error}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="645"/>
        <source>the data directory {path} is read-only, and its database needs an update that ClerkDesk cannot write there</source>
        <translation>数据目录{path}为只读，而其中的数据库需要升级，窗口受理台无法在此写入。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="650"/>
        <source>the data directory {path} cannot be made: a file of that name is in the way</source>
        <translation>无法创建数据目录{path}：已有同名文件。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="654"/>
        <source>the data directory {path} cannot be made: {blocker} is a file, not a folder</source>
        <translation>无法创建数据目录{path}：{blocker}是文件，不是文件夹。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="658"/>
        <source>the data directory {path} cannot be made: no permission to write in {parent}</source>
        <translation>无法创建数据目录{path}：没有在{parent}中写入的权限。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="662"/>
        <source>the disk is full: {path} cannot be written; free some space and try again</source>
        <translation>磁盘已满：无法写入{path}；请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="666"/>
        <source>the data directory {path} cannot be made: the disk is read-only</source>
        <translation>无法创建数据目录{path}：磁盘为只读。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="669"/>
        <source>the data directory {path} cannot be made: {reason}</source>
        <translation>无法创建数据目录{path}：{reason}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="671"/>
        <source>another ClerkDesk has been setting up {path} for over {seconds} s; try again when it has finished</source>
        <translation>另一个窗口受理台正在初始化{path}，已超过{seconds}秒；请待其完成后重试。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="676"/>
        <source>the store in {path} needs an update, and the ClerkDesk app has it open: close the app first</source>
        <translation>{path}中的数据库需要升级，而窗口受理台程序正在使用它：请先关闭程序。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="681"/>
        <source>the data directory {path} is read-only and its store is not set up yet: ClerkDesk cannot set it up there</source>
        <translation>数据目录{path}为只读，其中的数据库尚未初始化：窗口受理台无法在此初始化。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="686"/>
        <source>the data directory {path} is read-only: the app cannot save cases there (the clerk-desk commands that only read still work)</source>
        <translation>数据目录{path}为只读：程序无法在其中保存办件（只读取数据的 clerk-desk 命令仍可使用）。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="743"/>
        <source>the QR code ({length} characters) is too large to print readably on {paper} paper; print it on A4 or make the list shorter</source>
        <translation>二维码内容过长（{length}个字符），在{paper}纸上无法打印得清晰可扫；请改用A4纸打印，或减少清单内容</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="748"/>
        <source>the server {url} gave an answer this terminal cannot read ({problem}); nothing was changed</source>
        <translation>服务器{url}的应答本终端无法读取（{problem}），未作任何更改。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="752"/>
        <source>the server {url} refused the request (HTTP {status} {code}: {message})</source>
        <translation>服务器{url}拒绝了请求（HTTP {status} {code}：{message}）。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="756"/>
        <source>the connection to the server {url} was cut ({error}); nothing was changed, the changes wait</source>
        <translation>与服务器{url}的连接中断（{error}），未作任何更改，待同步的变更继续保留。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="760"/>
        <source>must be an https address with a host, e.g. https://zwfw.example.gov.cn</source>
        <translation>必须是带主机名的https地址，例如https://zwfw.example.gov.cn。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="764"/>
        <source>must be https: plain http is only for a server on this computer (127.0.0.1)</source>
        <translation>必须使用https：http仅限本机上的服务器（127.0.0.1）。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="768"/>
        <source>must not carry a query or a fragment</source>
        <translation>不得包含查询参数或片段。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="769"/>
        <source>the server {url} does not accept this terminal&apos;s credentials (unauthorized): enroll it again with a new code; the changes wait</source>
        <translation>服务器{url}不接受本终端的凭据（未授权）：请用新的注册码重新注册，待同步的变更继续保留。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="773"/>
        <source>the county has revoked this terminal (吊销): it no longer syncs with {url}; the changes are kept here, ask the county</source>
        <translation>本终端已被县级吊销，不再与{url}同步；待同步的变更保留在本机，请联系县级管理员。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="777"/>
        <source>this ClerkDesk ({version}) is too old for the server {url}: update it; the changes wait</source>
        <translation>本版窗口受理台（{version}）过旧，服务器{url}不再接受：请更新，待同步的变更继续保留。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="781"/>
        <source>the enrollment code is unknown, already used or expired: ask the county for a new one</source>
        <translation>注册码无效、已使用或已过期：请向县级申请新的注册码。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="785"/>
        <source>the server {url} is busy (too many requests): try again later</source>
        <translation>服务器{url}繁忙（请求过多）：请稍后再试。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="788"/>
        <source>the server {url} stayed busy (every county terminal syncing at once): the changes wait for the next sync</source>
        <translation>服务器{url}持续繁忙（全县终端同时同步）：待同步的变更留待下次同步。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="792"/>
        <source>the server {url} failed (HTTP {status}): try again later; the changes wait</source>
        <translation>服务器{url}出错（HTTP {status}）：请稍后再试，待同步的变更继续保留。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="796"/>
        <source>the server {url} did not answer in time; nothing was changed, the changes wait</source>
        <translation>服务器{url}未及时应答，未作任何更改，待同步的变更继续保留。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="800"/>
        <source>the server {url} cannot be reached (no connection); nothing was changed, the changes wait</source>
        <translation>无法连接服务器{url}（无连接），未作任何更改，待同步的变更继续保留。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="804"/>
        <source>this terminal is not enrolled with a county server: enroll it first (clerk-desk sync enroll URL CODE)</source>
        <translation>本终端尚未在县级服务器注册：请先注册（clerk-desk sync enroll URL CODE）。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="808"/>
        <source>only an admin may enroll the terminal: it sets the terminal number</source>
        <translation>只有管理员可以注册终端：注册会设定终端编号。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="811"/>
        <source>change {entry} is not in quarantine</source>
        <translation>变更{entry}不在隔离中。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="813"/>
        <source>must be a whole number from {low} to {high}</source>
        <translation>必须是{low}到{high}之间的整数。</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="814"/>
        <source>the warning must come before the freeze: fewer days than {freeze}</source>
        <translation>提醒须早于授权限制：天数应少于{freeze}天</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="818"/>
        <source>no successful sync with the county server for {days} days (the limit is {limit}): a new intake needs a supervisor&apos;s password; cases already taken go on</source>
        <translation>已连续{days}天未与县级服务器同步成功（上限{limit}天）：新建办件须中心负责人输入密码授权；已有办件照常办理</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="822"/>
        <source>the clock is {days} days behind the latest time this terminal has recorded: set the date right; meanwhile a new intake needs a supervisor&apos;s password</source>
        <translation>本机时钟比本终端已记录的最晚时间慢{days}天：请校正日期；校正前新建办件须中心负责人输入密码授权</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="826"/>
        <source>a supervisor&apos;s login is needed</source>
        <translation>须输入中心负责人账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="827"/>
        <source>wrong login or password of a supervisor account</source>
        <translation>中心负责人账号或密码错误</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="828"/>
        <source>{login} is not an active supervisor of this terminal</source>
        <translation>{login}不是本终端在用的中心负责人账号</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="830"/>
        <source>a sync is already running on {path}</source>
        <translation>{path}已有同步正在进行</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="832"/>
        <source>printer {name}</source>
        <translation>打印机{name}</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="833"/>
        <source>the default printer</source>
        <translation>默认打印机</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="834"/>
        <source>{printer} not found: no printers are set up here</source>
        <translation>未找到{printer}：本机没有设置任何打印机</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="835"/>
        <source>{printer} not found (printers here: {known})</source>
        <translation>未找到{printer}（本机的打印机：{known}）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="836"/>
        <source>the document could not be read for printing</source>
        <translation>无法读取要打印的文书</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="837"/>
        <source>{printer}: page {page} could not be rendered for printing</source>
        <translation>{printer}：第{page}页无法生成打印图像</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="838"/>
        <source>{printer} did not start the job (offline, or out of paper?)</source>
        <translation>{printer}未能开始打印（是否脱机或缺纸？）</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="839"/>
        <source>{printer} stopped at page {page}</source>
        <translation>{printer}在第{page}页停止打印</translation>
    </message>
    <message>
        <location filename="../message_catalog.py" line="840"/>
        <source>{printer} did not finish the job</source>
        <translation>{printer}未能完成打印任务</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../sync_dialogs.py" line="42"/>
        <source>Enroll with the county server</source>
        <translation>在县级服务器注册</translation>
    </message>
    <message>
        <location filename="../sync_dialogs.py" line="55"/>
        <source>Server &amp;address:</source>
        <translation>服务器地址（&amp;A）：</translation>
    </message>
    <message>
        <location filename="../sync_dialogs.py" line="56"/>
        <source>Enrollment &amp;code:</source>
        <translation>注册码（&amp;C）：</translation>
    </message>
    <message>
        <location filename="../sync_dialogs.py" line="59"/>
        <source>The county gives a one-time code for this terminal. Enrolling sets the terminal number: cases already taken keep theirs.</source>
        <translation>县级为本终端发放一次性注册码。注册将设定终端编号：已受理的办件保留原编号。</translation>
    </message>
    <message>
        <location filename="../sync_dialogs.py" line="66"/>
        <source>&amp;Enroll</source>
        <translation>注册（&amp;E）</translation>
    </message>
    <message>
        <location filename="../sync_dialogs.py" line="95"/>
        <source>Enrolling...</source>
        <translation>正在注册……</translation>
    </message>
    <message>
        <location filename="../sync_dialogs.py" line="111"/>
        <source>Enrolled: terminal number {number}, centre {centre} ({code}).</source>
        <translation>已注册：终端编号{number}，中心{centre}（{code}）。</translation>
    </message>
    <message>
        <location filename="../sync_dialogs.py" line="130"/>
        <source>Not enrolled: {reason}</source>
        <translation>未注册：{reason}</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../first_start.py" line="50"/>
        <source>ClerkDesk - first start</source>
        <translation>窗口受理台 - 首次启动</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="55"/>
        <source>This terminal has no admin yet. Create the centre&apos;s first admin account and name the bodies its documents carry. The demo account is then disabled.</source>
        <translation>本终端还没有管理员。请新建本便民服务中心的第一个管理员账号，并填写文书上载明的机关名称。完成后，演示账号即停用。</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="65"/>
        <source>First admin</source>
        <translation>第一个管理员</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="71"/>
        <source>&amp;Login:</source>
        <translation>账号（&amp;L）：</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="72"/>
        <source>&amp;Name:</source>
        <translation>姓名（&amp;N）：</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="74"/>
        <source>&amp;Password:</source>
        <translation>密码（&amp;P）：</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="74"/>
        <source>Re&amp;type password:</source>
        <translation>再次输入密码（&amp;T）：</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="102"/>
        <source>Continue &amp;with the demo account</source>
        <translation>继续使用演示账号（&amp;W）</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="77"/>
        <source>The centre&apos;s documents</source>
        <translation>文书载明的机关</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="80"/>
        <source>&amp;Deciding body:</source>
        <translation>决定机关名称（&amp;D）：</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="81"/>
        <source>Administrative &amp;review body:</source>
        <translation>行政复议机关（&amp;R）：</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="82"/>
        <source>&amp;Court:</source>
        <translation>人民法院（&amp;C）：</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="93"/>
        <source>A rejection cannot be issued while the review body or the court is empty.</source>
        <translation>行政复议机关或人民法院未填写时，不能出具不予受理通知书。</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="99"/>
        <source>Create the &amp;admin</source>
        <translation>新建管理员（&amp;A）</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="105"/>
        <source>Only to try the program: the demo account is not for real cases (Esc).</source>
        <translation>仅供试用：演示账号不可用于正式办件（Esc）。</translation>
    </message>
    <message>
        <location filename="../first_start.py" line="136"/>
        <source>Enter the login.</source>
        <translation>请输入账号。</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../handover_sections.py" line="63"/>
        <source>Space: tick or untick the case</source>
        <translation>空格：勾选或取消该办件</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="75"/>
        <source>e.g. 东关村便民服务代办点</source>
        <translation>例如：东关村便民服务代办点</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="79"/>
        <source>The village point the list is made at (Alt+V)</source>
        <translation>制作清单的代办点（Alt+V）</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="85"/>
        <source>Make &amp;handover list</source>
        <translation>制作移交清单（&amp;H）</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="56"/>
        <source>Collected cases to carry to the township (ticked go on the list)</source>
        <translation>待移交乡镇的代办收件（勾选的列入清单）</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="95"/>
        <source>&amp;Village point:</source>
        <translation>代办点（&amp;V）：</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="112"/>
        <source>My handover lists</source>
        <translation>我的移交清单</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="156"/>
        <source>&amp;Receive</source>
        <translation>接收（&amp;R）</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="133"/>
        <source>Enter: show the list</source>
        <translation>回车：显示该清单</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="136"/>
        <source>Handover list</source>
        <translation>移交清单</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="136"/>
        <source>Recent handover lists</source>
        <translation>近期移交清单</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="236"/>
        <source>Enter: check the case&apos;s materials and decide it in the intake</source>
        <translation>Enter：在受理页审查该件材料并作出决定</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="227"/>
        <source>Received from village agents, awaiting your check and decision (the documents go back through the agent)</source>
        <translation>已接收的代办件，待审查决定（有关文书经代办员转交申请人）</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="199"/>
        <source>Tick the cases that go on the list first.</source>
        <translation>请先勾选要列入清单的办件。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="203"/>
        <source>Enter the village point the list is made at.</source>
        <translation>请填写制作清单的代办点。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="207"/>
        <source>Making the handover list...</source>
        <translation>正在制作移交清单……</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="291"/>
        <source>Handover list {number} received: {count} cases. Check and decide each below (Enter opens it in the intake).</source>
        <translation>移交清单{number}已接收：{count}件。请在下方逐件审查并作出决定（Enter在受理页打开）。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="268"/>
        <source>This list has already been received.</source>
        <translation>该清单已被接收。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="271"/>
        <source>Check the folders against the list, then receive it (Ctrl+Enter).</source>
        <translation>请按清单核对材料袋，然后接收（Ctrl+Enter）。</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="52"/>
        <source>{copies} copies</source>
        <translation>{copies}份</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="55"/>
        <source>{items} items, {copies} copies</source>
        <translation>{items}项{copies}份</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="141"/>
        <source>Type the list number or scan the list&apos;s QR code, then Enter</source>
        <translation>输入清单编号或扫描清单二维码，然后回车</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="165"/>
        <source>&amp;List no.:</source>
        <translation>清单编号（&amp;L）：</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="221"/>
        <source>Handover list {number} made: {count} cases, materials carried: {materials}.</source>
        <translation>移交清单{number}已生成：{count}件，移交材料{materials}。</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="191"/>
        <source>{number} from {point}, agent {agent}: {count} cases, materials carried: {materials}. Received by {name} at {time}.</source>
        <translation>清单编号{number}，来自{point}，代办员{agent}：{count}件，移交材料{materials}。已由{name}于{time}接收。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="277"/>
        <source>Type or scan a list number first.</source>
        <translation>请先输入或扫描清单编号。</translation>
    </message>
    <message>
        <location filename="../handover_sections.py" line="201"/>
        <source>{number} from {point}, agent {agent}: {count} cases, materials carried: {materials}. Not received yet.</source>
        <translation>清单编号{number}，来自{point}，代办员{agent}：{count}件，移交材料{materials}。未接收。</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../intake_applicant.py" line="69"/>
        <source>Someone acts for the applicant (letter of authorisation)</source>
        <translation>由委托代理人办理（凭授权委托书）</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="176"/>
        <source>e.g. 授权委托书 2026-11-20, signed by the applicant</source>
        <translation>例如：授权委托书2026-11-20，申请人已签字</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="90"/>
        <source>Proxy ID number:</source>
        <translation>代理人身份证号码：</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="44"/>
        <source>1 Applicant</source>
        <translation>①申请人</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="54"/>
        <source>ID or tracking number, Enter</source>
        <translation>证件号码或办件编号，回车</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="57"/>
        <source>The applicant&apos;s ID number or credit code (typed, or F8 for the card reader), or a case&apos;s tracking number; then Enter</source>
        <translation>申请人的身份证号码或统一社会信用代码（手工输入，或按 F8 读卡），或办件编号；然后回车</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="77"/>
        <source>ID number, then Enter</source>
        <translation>输入身份证号码，然后回车</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="96"/>
        <source>Proxy name:</source>
        <translation>代理人姓名：</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="102"/>
        <source>Letter of authorisation:</source>
        <translation>授权委托书：</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="117"/>
        <source>&amp;ID number:</source>
        <translation>身份证号码（&amp;I）：</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="122"/>
        <source>P&amp;hone:</source>
        <translation>电话（&amp;H）：</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="125"/>
        <source>2 Service item</source>
        <translation>②办理事项</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="129"/>
        <source>低保 / dibao / dbsq / item code</source>
        <translation>低保 / dibao / dbsq / 事项编码</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="234"/>
        <source>3 Situation questions (Y / N)</source>
        <translation>③情形选择（Y 是 / N 否）</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="288"/>
        <source>4 Materials (ticked = received)</source>
        <translation>④申请材料（勾选 = 已收取）</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="241"/>
        <source>Y: yes, N: no</source>
        <translation>Y：是，N：否</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="296"/>
        <source>Space: received / missing; Ctrl+A: all received</source>
        <translation>空格：已收取 / 需补正；Ctrl+A：全部已收取</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="38"/>
        <source>{received} received, none missing</source>
        <translation>已收{received}项，无缺项</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="42"/>
        <source>{received} received, {missing} missing</source>
        <translation>已收{received}项，缺{missing}项</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="46"/>
        <source>{received} received, {missing} missing ({key} of them key)</source>
        <translation>已收{received}项，缺{missing}项（含关键材料{key}项）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="51"/>
        <source>may be accepted</source>
        <translation>可受理</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="52"/>
        <source>may be accepted tolerantly</source>
        <translation>可容缺受理</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="53"/>
        <source>a one-time notice may be issued</source>
        <translation>可一次性告知</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="54"/>
        <source>may be collected for the township</source>
        <translation>可代办收件</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="61"/>
        <source>{counts} → {outcome}</source>
        <translation>{counts}→ {outcome}</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="77"/>
        <source>&amp;Accept</source>
        <translation>受理（&amp;A）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="81"/>
        <source>&amp;Tolerant acceptance</source>
        <translation>容缺受理（&amp;T）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="85"/>
        <source>One-time &amp;notice</source>
        <translation>一次性告知（&amp;N）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="88"/>
        <source>&amp;Reject</source>
        <translation>不予受理（&amp;R）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="91"/>
        <source>&amp;Collect for the township</source>
        <translation>代办收件（&amp;C）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="103"/>
        <source>The township accepts or notifies after the hand-over</source>
        <translation>移交后由乡镇窗口受理或一次性告知</translation>
    </message>
    <message>
        <location filename="../intake_asks.py" line="205"/>
        <location filename="../intake_panel.py" line="164"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="170"/>
        <source>The applicant&apos;s letter of authorisation for you (required)</source>
        <translation>申请人给您的授权委托书（必填）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="183"/>
        <source>Case {number} is kept as it is ({state}): type its tracking number to go on.</source>
        <translation>办件{number}已按现状保存（{state}）：输入其办件编号即可继续办理。</translation>
    </message>
    <message>
        <location filename="../intake_asks.py" line="207"/>
        <source>What was typed for this applicant is not saved yet (it is saved when the case opens). Clear it?</source>
        <translation>为该申请人录入的信息尚未保存（建立办件时才保存）。确定清空吗？</translation>
    </message>
    <message>
        <location filename="../intake_asks.py" line="214"/>
        <source>Clear (Enter)</source>
        <translation>清空（回车）</translation>
    </message>
    <message>
        <location filename="../intake_asks.py" line="218"/>
        <source>Keep typing (Esc)</source>
        <translation>继续录入（Esc）</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="325"/>
        <source>Something went wrong: {message}</source>
        <translation>出现问题：{message}</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="261"/>
        <source>New applicant: enter the name and phone.</source>
        <translation>新申请人：请录入姓名和电话。</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="270"/>
        <source>Known applicant.</source>
        <translation>已有申请人信息。</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="300"/>
        <source>Returning with a one-time notice; F4 re-checks it:</source>
        <translation>持一次性告知书回来补正，按 F4 核验：</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="220"/>
        <source>Case {number} ({item}, {name}) was collected by the village agent {agent}: the township checks and decides it once its handover list is received (F7).</source>
        <translation>办件{number}（{item}，{name}）已由代办员{agent}代办收件：接收移交清单（F7）后由乡镇窗口审查并作出决定。</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="217"/>
        <source>(collected by {agent})</source>
        <translation>（代办员{agent}代办收件）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="210"/>
        <source>Case {number} from the village agent {agent}: check the materials that arrived, then accept, accept tolerantly, notify or reject.</source>
        <translation>办件{number}由代办员{agent}移交：请审查收到的材料，然后受理、容缺受理、一次性告知或不予受理。</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="191"/>
        <source>Opened the applicant&apos;s open case on this item: {number} ({state}). A new case anyway: {keys}, with the reason.</source>
        <translation>已打开该申请人此事项的在办件：{number}（{state}）。确需另开新件，请按{keys}并说明理由。</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="255"/>
        <source>Hand the applicant the receipt; the case goes to the township on your next handover list (F7).</source>
        <translation>请将代办收件回执交给申请人；该件列入下一张移交清单（F7）移交乡镇。</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="261"/>
        <source>The documents go back to the applicant through the village agent {agent}.</source>
        <translation>有关文书经代办员{agent}转交申请人。</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="282"/>
        <source>New person acting for the applicant: enter the name.</source>
        <translation>新代理人：请录入姓名。</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="121"/>
        <source>Na&amp;me:</source>
        <translation>姓名（&amp;M）：</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="127"/>
        <source>New case any&amp;way</source>
        <translation>仍另开新件（&amp;W）</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="291"/>
        <source>Known person acting for the applicant: {name}.</source>
        <translation>已有代理人信息：{name}。</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="249"/>
        <source>Note: this ID card expired on {date}.</source>
        <translation>注意：该身份证已于{date}过期。</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="231"/>
        <source>Case {number} ({item}, {name}) is {state}: the intake has nothing left to take in. Open it from the case list for its next steps.</source>
        <translation>办件{number}（{item}，{name}）当前为“{state}”，受理环节已无需再办。请在办件列表中打开它办理后续环节。</translation>
    </message>
    <message>
        <location filename="../intake_sections.py" line="210"/>
        <source>(re-check of the one-time notice)</source>
        <translation>（一次性告知补正核验）</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="201"/>
        <source>Case {number}: tick what the applicant brought. Esc keeps what came so far.</source>
        <translation>办件{number}：请勾选申请人补交的材料。按 Esc 可先保存已收到的部分。</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="206"/>
        <source>Case {number} taken up where it stopped.</source>
        <translation>办件{number}已从上次中断处继续办理。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="429"/>
        <source>No service item matches.</source>
        <translation>没有匹配的事项。</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="236"/>
        <source>A village agent needs the applicant&apos;s letter of authorisation: enter it first.</source>
        <translation>代办员须持有申请人的授权委托书：请先录入。</translation>
    </message>
    <message>
        <location filename="../intake_applicant.py" line="240"/>
        <source>Someone acts for the applicant: enter their letter of authorisation first.</source>
        <translation>由委托代理人办理：请先录入授权委托书。</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="190"/>
        <source>Case {number} opened.</source>
        <translation>已建办件{number}。</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="247"/>
        <source>The case stands, but its document could not be made: {error}</source>
        <translation>办件已保存，但文书未能生成：{error}</translation>
    </message>
    <message>
        <location filename="../intake_outcomes_bar.py" line="251"/>
        <source>Case {number}: {state}.</source>
        <translation>办件{number}：{state}。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../lock_screen.py" line="44"/>
        <source>&amp;Unlock</source>
        <translation>解锁（&amp;U）</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="49"/>
        <source>Log &amp;out</source>
        <translation>退出登录（&amp;O）</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="70"/>
        <source>Locked. {name}, enter your password to go on.</source>
        <translation>已锁屏。{name}，请输入密码继续。</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="92"/>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../login.py" line="34"/>
        <source>ClerkDesk - log in</source>
        <translation>窗口受理台 - 登录</translation>
    </message>
    <message>
        <location filename="../login.py" line="36"/>
        <source>ClerkDesk</source>
        <translation>窗口受理台</translation>
    </message>
    <message>
        <location filename="../login.py" line="49"/>
        <source>Log &amp;in</source>
        <translation>登录（&amp;I）</translation>
    </message>
    <message>
        <location filename="../login.py" line="52"/>
        <source>Log in (Enter)</source>
        <translation>登录（回车）</translation>
    </message>
    <message>
        <location filename="../login.py" line="63"/>
        <source>&amp;Login:</source>
        <translation>账号（&amp;L）：</translation>
    </message>
    <message>
        <location filename="../login.py" line="64"/>
        <source>&amp;Password:</source>
        <translation>密码（&amp;P）：</translation>
    </message>
    <message>
        <location filename="../login.py" line="95"/>
        <source>Demo clerk: login {login}, password {password}</source>
        <translation>演示账号：{login}，密码{password}</translation>
    </message>
    <message>
        <location filename="../login.py" line="106"/>
        <source>Enter your login and password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <location filename="../login.py" line="120"/>
        <source>Wrong login or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="110"/>
        <source>ClerkDesk - {centre} - window {window} - {name}</source>
        <translation>窗口受理台 - {centre} - {window}号窗口 - {name}</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="80"/>
        <source>Tracking no., ID number, name or phone (Ctrl+F)</source>
        <translation>办件编号、身份证号码、姓名或电话（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="124"/>
        <source>Working...</source>
        <translation>处理中……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="246"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="38"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="77"/>
        <source>Demo account: not for real cases</source>
        <translation>演示账号，不可用于正式办件</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="81"/>
        <source>Its password is public. An admin is created with the first-start dialog or clerk-desk staff add LOGIN --name NAME --role admin; that disables it.</source>
        <translation>演示账号的密码是公开的。请在首次启动对话框中或用 clerk-desk staff add 账号 --name 姓名 --role admin 新建管理员，演示账号随即停用。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="250"/>
        <source>New intake</source>
        <translation>新建受理</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="252"/>
        <source>Re-check returning applicant</source>
        <translation>补正核验</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255"/>
        <source>Find case</source>
        <translation>查找办件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="257"/>
        <source>Read ID card</source>
        <translation>读取身份证</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="260"/>
        <source>Open case</source>
        <translation>打开办件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="266"/>
        <source>Service guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="274"/>
        <source>Handover</source>
        <translation>代办移交</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <source>Staff</source>
        <translation>人员管理</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="288"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="290"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="293"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>Lock screen</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="307"/>
        <source>List {n}</source>
        <translation>列表{n}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="354"/>
        <source>No card reader with a driver is set up; a keyboard reader types into the ID field.</source>
        <translation>未配置带驱动的读卡器；键盘式读卡器会直接录入到身份证号码栏。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="368"/>
        <source>No card on the reader.</source>
        <translation>读卡器上没有身份证。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="393"/>
        <source>Enter the returning applicant&apos;s ID number first.</source>
        <translation>请先输入回来补正的申请人身份证号码。</translation>
    </message>
    <message numerus="yes">
        <location filename="../case_list_pane.py" line="191"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="194"/>
        <source>More than {matched} matches, showing the first {shown}</source>
        <translation>匹配超过{matched}件，显示前{shown}件</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="196"/>
        <source>{matched} matches, showing the first {shown}</source>
        <translation>匹配{matched}件，显示前{shown}件</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="213"/>
        <source>{view} ({count})</source>
        <translation>{view}（{count}）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="423"/>
        <source>No case is selected: choose one in the list (Ctrl+F finds it).</source>
        <translation>未选中办件：请在列表中选择（Ctrl+F 查找）。</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="133"/>
        <source>Disk almost full: {free} MB free</source>
        <translation>磁盘空间不足：剩余{free} MB</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="138"/>
        <source>When the disk is full no case can be saved. Ask for space to be freed; the limit is set in Settings (Ctrl+,).</source>
        <translation>磁盘满后将无法保存办件。请联系人员清理空间；提醒阈值在“设置”（Ctrl+,）中设定。</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="169"/>
        <source>Documents carry a placeholder status address</source>
        <translation>文书使用的是示例查询网址</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="172"/>
        <source>The public status URL is still the example address {url}: the documents and their QR codes send applicants nowhere. A supervisor or an admin sets the centre&apos;s real address in Settings (Ctrl+,).</source>
        <translation>办件查询网址仍是示例网址{url}：文书及其二维码无法把申请人引向真实页面。请中心负责人或管理员在设置中填写本便民服务中心的真实网址（Ctrl+,）。</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="200"/>
        <source>80 mm roll</source>
        <translation>80毫米卷纸</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="202"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="216"/>
        <source>No {paper} printer chosen</source>
        <translation>未选择{paper}打印机</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="217"/>
        <source>Choose the printer for {paper} paper in Settings (Ctrl+,).</source>
        <translation>请在设置中选择{paper}打印机（Ctrl+,）。</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="228"/>
        <source>Checking the printer...</source>
        <translation>正在检查打印机……</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="232"/>
        <source>{paper} printer: {name}</source>
        <translation>{paper}打印机：{name}</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="238"/>
        <source>Printer: {name}, ready</source>
        <translation>打印机：{name}，就绪</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="240"/>
        <source>{paper} printer: {name}, ready</source>
        <translation>{paper}打印机：{name}，就绪</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="247"/>
        <source>Printer: {name}, not ready</source>
        <translation>打印机：{name}，未就绪</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="249"/>
        <source>{paper} printer: {name}, not ready</source>
        <translation>{paper}打印机：{name}，未就绪</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="201"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="202"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="203"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="204"/>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="205"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="206"/>
        <source>Waiting</source>
        <translation>待补正</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_status_bar.py" line="153"/>
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n项变更待同步</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="213"/>
        <source>No printer chosen</source>
        <translation>未选择打印机</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="214"/>
        <source>Choose the printer in Settings (Ctrl+,).</source>
        <translation>请在设置中选择打印机（Ctrl+,）。</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="222"/>
        <source>PDF folder {name}</source>
        <translation>PDF 文件夹{name}</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="224"/>
        <source>system default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <location filename="../main_status_bar.py" line="230"/>
        <source>Printer: {name}</source>
        <translation>打印机：{name}</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="207"/>
        <source>Promises</source>
        <translation>容缺</translation>
    </message>
    <message>
        <location filename="../case_list_pane.py" line="208"/>
        <source>Earlier drafts</source>
        <translation>往日暂存</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <location filename="../staff_dialogs.py" line="91"/>
        <source>New staff account</source>
        <translation>新建工作人员账号</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="107"/>
        <source>&amp;Login:</source>
        <translation>账号（&amp;L）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="108"/>
        <source>&amp;Name:</source>
        <translation>姓名（&amp;N）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="109"/>
        <source>&amp;Role:</source>
        <translation>角色（&amp;R）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="110"/>
        <source>&amp;Window:</source>
        <translation>窗口（&amp;W）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="111"/>
        <source>&amp;Village point:</source>
        <translation>代办点（&amp;V）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="113"/>
        <source>&amp;Password:</source>
        <translation>密码（&amp;P）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="113"/>
        <source>Re&amp;type password:</source>
        <translation>再次输入密码（&amp;T）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="115"/>
        <source>The password is temporary: it is changed at the first login.</source>
        <translation>此密码为临时密码：首次登录时须更改。</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="149"/>
        <source>Enter the login.</source>
        <translation>请输入账号。</translation>
    </message>
</context>
<context>
    <name>NewCaseReasonDialog</name>
    <message>
        <location filename="../dialogs.py" line="352"/>
        <source>New case anyway</source>
        <translation>另开新件</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="355"/>
        <source>The applicant&apos;s case {case} on this item is still open. A new case is recorded with its reason and may not ask again for what that case received.</source>
        <translation>该申请人此事项的办件{case}尚在办理中。另开新件将记录理由，且不得再要求提交该办件已收取的材料。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="367"/>
        <source>&amp;Reason:</source>
        <translation>理由（&amp;R）：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="378"/>
        <source>A new case needs its reason.</source>
        <translation>另开新件须说明理由。</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <location filename="../staff_dialogs.py" line="69"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>NoticeChooserDialog</name>
    <message>
        <location filename="../dialogs.py" line="236"/>
        <source>Re-check which case?</source>
        <translation>核验哪个办件？</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="240"/>
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="240"/>
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="240"/>
        <source>Notice date</source>
        <translation>告知日期</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="261"/>
        <source>The applicant has several cases waiting on a one-time notice. Up/Down to choose, Enter to re-check it:</source>
        <translation>该申请人有多个办件在等待一次性告知的补正材料。用上下键选择，回车核验：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="269"/>
        <source>Re-check (Enter)</source>
        <translation>核验（回车）</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="269"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
</context>
<context>
    <name>PasswordChangeDialog</name>
    <message>
        <location filename="../password_change.py" line="35"/>
        <source>Choose your password</source>
        <translation>设置您的密码</translation>
    </message>
    <message>
        <location filename="../password_change.py" line="40"/>
        <source>{name}, your password was set for you. Choose your own before you go on (at least 8 characters, not your login).</source>
        <translation>{name}，您的密码是他人代设的。请先设置您自己的密码（至少8个字符，不能与账号相同）。</translation>
    </message>
    <message>
        <location filename="../password_change.py" line="50"/>
        <source>&amp;New password:</source>
        <translation>新密码（&amp;N）：</translation>
    </message>
    <message>
        <location filename="../password_change.py" line="50"/>
        <source>Re&amp;peat password:</source>
        <translation>再次输入密码（&amp;P）：</translation>
    </message>
</context>
<context>
    <name>PendingCasesModel</name>
    <message>
        <location filename="../handover_models.py" line="84"/>
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="89"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="90"/>
        <source>Item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../handover_models.py" line="92"/>
        <source>Materials carried</source>
        <translation>移交材料</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../preview.py" line="75"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../preview.py" line="89"/>
        <source>&amp;Print</source>
        <translation>打印（&amp;P）</translation>
    </message>
    <message>
        <location filename="../preview.py" line="92"/>
        <source>Print this document (Enter / Ctrl+P)</source>
        <translation>打印本文书（回车 / Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../preview.py" line="93"/>
        <source>Print &amp;all</source>
        <translation>全部打印（&amp;A）</translation>
    </message>
    <message>
        <location filename="../preview.py" line="95"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../preview.py" line="96"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../preview.py" line="154"/>
        <source>Printing...</source>
        <translation>正在打印……</translation>
    </message>
    <message>
        <location filename="../preview.py" line="215"/>
        <source>Sent to the printer queue. If nothing comes out, check the printer (paper, power) and print again.</source>
        <translation>已发送到打印队列。如果没有打印出来，请检查打印机（纸张、电源）后再次打印。</translation>
    </message>
    <message>
        <location filename="../preview.py" line="219"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <location filename="../preview.py" line="228"/>
        <source>Not printed: {error}. The document is kept; print it again when the printer is ready.</source>
        <translation>未打印：{error}。文书已保存，打印机就绪后可再次打印。</translation>
    </message>
</context>
<context>
    <name>PromiseDateDialog</name>
    <message>
        <location filename="../dialogs.py" line="60"/>
        <source>Tolerant acceptance</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="92"/>
        <source>Missing non-key materials:</source>
        <translation>缺少的非关键材料：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="84"/>
        <source>The case is accepted now. The applicant signs a tolerant acceptance promise to bring these materials by the date below.</source>
        <translation>现予容缺受理。申请人签署容缺受理承诺书，承诺在下列日期前补齐以下材料。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="93"/>
        <source>&amp;Promised by:</source>
        <translation>承诺补齐日期（&amp;P）：</translation>
    </message>
</context>
<context>
    <name>QuestionModel</name>
    <message>
        <location filename="../checklist_model.py" line="38"/>
        <source>[yes]</source>
        <translation>[是]</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="38"/>
        <source>[no]</source>
        <translation>[否]</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="43"/>
        <source>Y: yes, N: no</source>
        <translation>Y：是，N：否</translation>
    </message>
</context>
<context>
    <name>RejectionDialog</name>
    <message>
        <location filename="../dialogs.py" line="128"/>
        <location filename="../dialogs.py" line="139"/>
        <location filename="../dialogs.py" line="188"/>
        <source>Reject the application</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="153"/>
        <source>&amp;Reason:</source>
        <translation>理由（&amp;R）：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="154"/>
        <source>Legal &amp;basis:</source>
        <translation>不予受理依据（&amp;B）：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="155"/>
        <source>&amp;Competent body (if not ours):</source>
        <translation>有权受理机关（非本机关职权时）（&amp;C）：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="164"/>
        <source>A rejection needs its reason.</source>
        <translation>不予受理须写明理由。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="167"/>
        <source>A rejection needs its legal basis.</source>
        <translation>不予受理须写明不予受理依据。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="191"/>
        <source>The applicant will get a rejection notice with this reason and legal basis. Reject the application?</source>
        <translation>将向申请人出具不予受理通知书，载明上述理由和不予受理依据。确定不予受理？</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="195"/>
        <source>Reject (Enter)</source>
        <translation>不予受理（回车）</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="196"/>
        <source>Go back (Esc)</source>
        <translation>返回修改（Esc）</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../staff_dialogs.py" line="175"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="178"/>
        <source>A temporary password for {name} ({login}). They choose their own at their next login.</source>
        <translation>为{name}（{login}）设置临时密码。其下次登录时须设置自己的密码。</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="188"/>
        <source>&amp;Temporary password:</source>
        <translation>临时密码（&amp;T）：</translation>
    </message>
    <message>
        <location filename="../staff_dialogs.py" line="188"/>
        <source>Re&amp;peat password:</source>
        <translation>再次输入密码（&amp;P）：</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="76"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="69"/>
        <source>Village agency point</source>
        <translation>村便民服务代办点</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="70"/>
        <source>Township service centre</source>
        <translation>乡镇便民服务中心</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="71"/>
        <source>County service hall</source>
        <translation>县级政务服务中心</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="56"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="108"/>
        <source>Enroll with count&amp;y server...</source>
        <translation>在县级服务器注册（&amp;Y）……</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="132"/>
        <source>A4 sheet</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="134"/>
        <source>80 mm receipt roll</source>
        <translation>80毫米热敏卷纸</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="137"/>
        <source>The paper an outcome&apos;s documents are made in; each document prints on the printer of its paper, and a reprint can be made on the other paper.</source>
        <translation>办理结果文书所用的纸张；每份文书在其纸张对应的打印机上打印，补打时可改用另一种纸张。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="150"/>
        <source>Print A4 documents into a folder ({key})</source>
        <translation>A4 文书打印到文件夹（{key}）</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="163"/>
        <source>Print 80 mm roll documents into a folder ({key})</source>
        <translation>80毫米卷纸文书打印到文件夹（{key}）</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="101"/>
        <source>Terminal number:</source>
        <translation>终端编号：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="115"/>
        <source>This is the example address: the documents and their QR codes send applicants to a page that does not exist. Enter the centre&apos;s real status page.</source>
        <translation>这是示例网址：文书及其二维码会把申请人引向一个不存在的页面。请填写本便民服务中心真实的办件查询网址。</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="126"/>
        <source>Publi&amp;c status URL:</source>
        <translation>办件查询网址（&amp;C）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="198"/>
        <source>&amp;Documents are printed on:</source>
        <translation>文书打印纸张（&amp;D）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="201"/>
        <source>A4 p&amp;rinter:</source>
        <translation>A4 打印机（&amp;R）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="205"/>
        <source>80 mm roll prin&amp;ter:</source>
        <translation>80毫米卷纸打印机（&amp;T）：</translation>
    </message>
    <message>
        <location filename="../settings_printers.py" line="57"/>
        <source>Folder...</source>
        <translation>文件夹……</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="189"/>
        <source>{number} (provisional, until the county assigns one)</source>
        <translation>{number}（临时编号，待县级分配）</translation>
    </message>
    <message>
        <location filename="../settings_printers.py" line="81"/>
        <source>A folder (choose it)...</source>
        <translation>文件夹（选择文件夹）……</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="146"/>
        <source>Print A4 documents into this folder</source>
        <translation>A4 文书打印到此文件夹</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="157"/>
        <source>Print 80 mm roll documents into this folder</source>
        <translation>80毫米卷纸文书打印到此文件夹</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="62"/>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="84"/>
        <source>The body in whose name acceptance and rejection are issued when the catalog item names none (the centre is a window, not a deciding body).</source>
        <translation>事项未写明决定机关时，受理和不予受理以此机关的名义作出（便民服务中心是窗口，不是决定机关）。</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="92"/>
        <source>The start of every document&apos;s serial number (文书编号), e.g. 郭仓便民 in 郭仓便民受字〔2026〕第0042号; empty: the short form of the centre&apos;s name.</source>
        <translation>每份文书的文书编号的开头，例如郭仓便民受字〔2026〕第0042号中的“郭仓便民”；不填：用中心名称的简称。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="64"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="68"/>
        <source>never</source>
        <translation>不提醒</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="71"/>
        <source>Warn at start and on the status bar when the disk holding the data has less free space than this. A full disk cannot save cases.</source>
        <translation>存放数据的磁盘可用空间低于此值时，在启动时和状态栏中提醒。磁盘满后无法保存办件。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="79"/>
        <source>How often the terminal syncs with the county server in the background.</source>
        <translation>本终端在后台与县级服务器同步的间隔。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="57"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="87"/>
        <source>Warn the clerk after this many days without a successful sync.</source>
        <translation>连续这么多天未同步成功时提醒窗口工作人员。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="94"/>
        <source>Warn the clerk when this many changes wait to be synced.</source>
        <translation>待同步的变更达到这个数量时提醒窗口工作人员。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="100"/>
        <source>After this many days without a successful sync, a new intake needs a supervisor&apos;s password; existing cases always go on.</source>
        <translation>连续这么多天未同步成功后，新建办件须中心负责人输入密码授权；已有办件始终照常办理。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="114"/>
        <source>none (only backups/ in the data directory)</source>
        <translation>不设（仅备份到数据目录的 backups/）</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="119"/>
        <source>A second folder for the automatic backups, e.g. on a USB stick. A supervisor&apos;s or an admin&apos;s to set.</source>
        <translation>自动备份的第二个文件夹，例如U盘上的文件夹。由中心负责人或管理员设置。</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="105"/>
        <source>Region code:</source>
        <translation>行政区划代码：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="108"/>
        <source>Centre &amp;name:</source>
        <translation>中心名称（&amp;N）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="111"/>
        <source>Counter &amp;level:</source>
        <translation>窗口层级（&amp;L）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="134"/>
        <source>&amp;Address:</source>
        <translation>地址（&amp;A）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="137"/>
        <source>Office &amp;hours:</source>
        <translation>办公时间（&amp;H）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="140"/>
        <source>Contact &amp;phone:</source>
        <translation>咨询电话（&amp;P）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="144"/>
        <source>Reconsideration &amp;body:</source>
        <translation>行政复议机关（&amp;B）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="147"/>
        <source>C&amp;ourt:</source>
        <translation>人民法院（&amp;O）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="149"/>
        <source>D&amp;eciding body:</source>
        <translation>决定机关名称（&amp;E）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="152"/>
        <source>Document serial pre&amp;fix:</source>
        <translation>文书编号前缀（&amp;F）：</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="156"/>
        <source>Only a supervisor or an admin changes the centre&apos;s details: name, level, status URL, address, office hours, phone, reconsideration body, court, deciding body and document serial prefix.</source>
        <translation>中心信息（名称、层级、查询网址、地址、办公时间、咨询电话、行政复议机关、人民法院、决定机关名称和文书编号前缀）只能由中心负责人或管理员修改。</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="55"/>
        <source>This terminal</source>
        <translation>本终端</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="169"/>
        <source>&amp;Window:</source>
        <translation>窗口（&amp;W）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="170"/>
        <source>Lock after &amp;idle:</source>
        <translation>闲置锁屏（&amp;I）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="172"/>
        <source>Warn when free dis&amp;k space is below:</source>
        <translation>磁盘可用空间低于此值时提醒（&amp;K）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="176"/>
        <source>Second backup folder (&amp;USB):</source>
        <translation>第二备份文件夹（&amp;U）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="180"/>
        <source>Sync e&amp;very:</source>
        <translation>同步间隔（&amp;V）：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="183"/>
        <source>Warn after no sync for:</source>
        <translation>未同步提醒：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="187"/>
        <source>Warn at changes waiting:</source>
        <translation>待同步变更提醒：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="191"/>
        <source>Supervisor needed after no sync for:</source>
        <translation>须中心负责人授权的未同步天数：</translation>
    </message>
    <message>
        <location filename="../settings_terminal.py" line="196"/>
        <source>Lan&amp;guage:</source>
        <translation>语言（&amp;G）：</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="135"/>
        <source>&amp;Save</source>
        <translation>保存（&amp;S）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="141"/>
        <source>Save ({key} / Enter)</source>
        <translation>保存（{key} / 回车）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="145"/>
        <source>Close without saving (Esc)</source>
        <translation>不保存并关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../settings_printers.py" line="47"/>
        <source>A printer of this computer, or a folder to put PDF files into</source>
        <translation>本机的打印机，或存放PDF文件的文件夹</translation>
    </message>
    <message>
        <location filename="../settings_printers.py" line="54"/>
        <source>Choose a printer or a folder</source>
        <translation>请选择打印机或文件夹</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="193"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../settings_centre.py" line="196"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="257"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../staff_page.py" line="112"/>
        <source>Staff accounts</source>
        <translation>人员管理</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="117"/>
        <source>&amp;New account</source>
        <translation>新建账号（&amp;N）</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="120"/>
        <source>&amp;Reset password</source>
        <translation>重置密码（&amp;R）</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="123"/>
        <location filename="../staff_page.py" line="182"/>
        <source>&amp;Disable</source>
        <translation>停用（&amp;D）</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="182"/>
        <source>&amp;Enable</source>
        <translation>启用（&amp;E）</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="246"/>
        <source>{name} ({login}) is disabled.</source>
        <translation>{name}（{login}）已停用。</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="248"/>
        <source>{name} ({login}): the password is changed at the next login.</source>
        <translation>{name}（{login}）：下次登录时须更改密码。</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="250"/>
        <source>{name} ({login}) is active.</source>
        <translation>{name}（{login}）已启用。</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <location filename="../staff_page.py" line="56"/>
        <source>Login</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="57"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="58"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="59"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="60"/>
        <source>Village point</source>
        <translation>代办点</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="61"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="76"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="79"/>
        <source>Locked until {time}</source>
        <translation>锁定至{time}</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="81"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="83"/>
        <source>{status} (demo account)</source>
        <translation>{status}（演示账号）</translation>
    </message>
    <message>
        <location filename="../staff_page.py" line="85"/>
        <source>{status}, password to change</source>
        <translation>{status}，须更改密码</translation>
    </message>
</context>
<context>
    <name>SupervisorOverrideDialog</name>
    <message>
        <location filename="../dialogs.py" line="400"/>
        <source>Supervisor&apos;s password</source>
        <translation>中心负责人密码</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="403"/>
        <source>{why}

A supervisor may let this new intake open with their login and password; it is recorded with the case.</source>
        <translation>{why}

中心负责人可输入本人账号和密码，允许新建此办件；授权情况随办件记录。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="419"/>
        <source>Supervisor&apos;s &amp;login:</source>
        <translation>中心负责人账号（&amp;L）：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="420"/>
        <source>&amp;Password:</source>
        <translation>密码（&amp;P）：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="431"/>
        <source>Enter the supervisor&apos;s login.</source>
        <translation>请输入中心负责人账号。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="434"/>
        <source>Enter the supervisor&apos;s password.</source>
        <translation>请输入中心负责人密码。</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../case_steps.py" line="241"/>
        <source>Promised materials arrived</source>
        <translation>承诺材料已补齐</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="253"/>
        <source>Space: arrived / not yet</source>
        <translation>空格：已补齐 / 未补齐</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="254"/>
        <source>Tick what the applicant brought:</source>
        <translation>勾选申请人已带来的材料：</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="260"/>
        <source>Save (Enter)</source>
        <translation>保存（回车）</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="260"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="287"/>
        <source>Tick at least one material.</source>
        <translation>请至少勾选一项材料。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../sync_page.py" line="115"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="121"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="123"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="128"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="48"/>
        <source>The case belongs to another centre: this terminal may not change it.</source>
        <translation>该办件属于其他便民服务中心，本终端无权修改。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="51"/>
        <source>The server could not read this change (it is incomplete or malformed).</source>
        <translation>服务器无法读取此变更（内容不完整或格式有误）。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="54"/>
        <source>The server already holds a different change under this change&apos;s number.</source>
        <translation>服务器上已有编号相同但内容不同的变更。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="58"/>
        <source>The back office has moved this case on at the county: this step no longer applies.</source>
        <translation>县级后台已推进该办件，此步骤不再适用。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="66"/>
        <source>Refused by the server (reason: {code}).</source>
        <translation>被服务器拒收（原因代码：{code}）。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="76"/>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="77"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="78"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="79"/>
        <source>Staff account</source>
        <translation>人员账号</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="80"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="81"/>
        <source>Handover list</source>
        <translation>代办件移交清单</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="82"/>
        <source>Service guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="83"/>
        <source>Holiday calendar</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="84"/>
        <source>Audit log</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="85"/>
        <source>Store</source>
        <translation>本机数据库</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="86"/>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="92"/>
        <source>{what} ({step})</source>
        <translation>{what}（{step}）</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="107"/>
        <source>The server says ({code}): {message}</source>
        <translation>服务器说明（{code}）：{message}</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="142"/>
        <source>Sync with the county server</source>
        <translation>与县级服务器同步</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="158"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="159"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="160"/>
        <source>Terminal number:</source>
        <translation>终端编号：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="161"/>
        <source>Last success:</source>
        <translation>最近成功：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="162"/>
        <source>Last attempt:</source>
        <translation>最近尝试：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="163"/>
        <source>Changes waiting:</source>
        <translation>待同步变更：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="164"/>
        <source>Refused changes:</source>
        <translation>被拒收的变更：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="168"/>
        <source>&amp;Sync now</source>
        <translation>立即同步（&amp;S）</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="171"/>
        <source>Send the waiting changes and fetch the county&apos;s (Ctrl+Shift+Y)</source>
        <translation>上传待同步的变更并获取县级下发的内容（Ctrl+Shift+Y）</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="186"/>
        <source>Changes the server &amp;refused (fix the cause, then retry):</source>
        <translation>被服务器拒收的变更（先排除原因，再重试）（&amp;R）：</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="188"/>
        <source>Re&amp;try selected</source>
        <translation>重试所选（&amp;T）</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="191"/>
        <source>Send the selected refused change again, once its cause is fixed</source>
        <translation>排除原因后，重新发送所选的被拒收变更</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="248"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="252"/>
        <source>Not enrolled: every change is kept on this terminal. An admin enrolls it in Settings (Ctrl+,).</source>
        <translation>未注册：所有变更保留在本机。管理员可在“设置”（Ctrl+,）中注册。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="268"/>
        <source>Syncing...</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="270"/>
        <source>Last sync failed: {reason}</source>
        <translation>上次同步失败：{reason}</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="274"/>
        <source>Enrolled, centre {centre}</source>
        <translation>已注册，中心{centre}</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="295"/>
        <source>This store was restored from a backup: the next sync takes back the centre&apos;s cases from the county server before it sends new work.</source>
        <translation>本机数据库已从备份恢复：下次同步时先从县级服务器取回本便民服务中心的办件，再上传新的办理记录。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="301"/>
        <source>Terminal {number} of this centre was revoked ({when}).</source>
        <translation>本便民服务中心的{number}号终端已被吊销（{when}）。</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="334"/>
        <source>Sent again.</source>
        <translation>已重新发送。</translation>
    </message>
</context>
<context>
    <name>TerminalStatus</name>
    <message>
        <location filename="../terminal_status.py" line="106"/>
        <source>the folder {folder} cannot be made: {blocker} is not a folder</source>
        <translation>无法创建文件夹{folder}：{blocker}不是文件夹</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="110"/>
        <source>the folder {folder} is not writable</source>
        <translation>文件夹{folder}不可写入</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="125"/>
        <source>the printing system (CUPS) is not installed</source>
        <translation>未安装打印系统（CUPS）</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="138"/>
        <source>the printing system (CUPS) does not answer</source>
        <translation>打印系统（CUPS）无响应</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="142"/>
        <source>CUPS has no queue {queue}</source>
        <translation>CUPS 中没有打印队列{queue}</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="146"/>
        <source>the queue {queue} is disabled</source>
        <translation>打印队列{queue}已停用</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="158"/>
        <source>the system has no printer {name}</source>
        <translation>系统中没有打印机{name}</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="161"/>
        <source>the system has no default printer</source>
        <translation>系统没有默认打印机</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="165"/>
        <source>the printer reports an error</source>
        <translation>打印机报告错误</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="172"/>
        <source>server unreachable</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="173"/>
        <source>not accepted, enroll again</source>
        <translation>凭据未被接受，请重新注册</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="174"/>
        <source>terminal revoked</source>
        <translation>终端已被吊销</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="175"/>
        <source>update ClerkDesk</source>
        <translation>请更新窗口受理台</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="176"/>
        <location filename="../terminal_status.py" line="177"/>
        <source>server busy</source>
        <translation>服务器繁忙</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="178"/>
        <source>server error</source>
        <translation>服务器出错</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="179"/>
        <source>request refused</source>
        <translation>请求被拒绝</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="180"/>
        <source>bad answer</source>
        <translation>应答有误</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="181"/>
        <source>not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="183"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message numerus="yes">
        <location filename="../terminal_status.py" line="192"/>
        <source>no successful sync with the county server for %n day(s)</source>
        <translation>
            <numerusform>已连续%n天未与县级服务器同步成功</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../terminal_status.py" line="200"/>
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n项变更待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../terminal_status.py" line="203"/>
        <source>the computer&apos;s clock is %n day(s) behind what this terminal has recorded</source>
        <translation>
            <numerusform>本机时钟比本终端已记录的时间慢%n天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="210"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="213"/>
        <source>Sync overdue: new intakes need a supervisor</source>
        <translation>同步逾期：新建办件须中心负责人授权</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="214"/>
        <source>{why}. A new intake now needs a supervisor&apos;s password; cases already taken, notices, documents and look-ups go on. Connect the terminal and sync (Ctrl+Shift+Y).</source>
        <translation>{why}。现在新建办件须中心负责人输入密码授权；已有办件、告知、文书和查询照常办理。请联网后同步（Ctrl+Shift+Y）。</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="220"/>
        <source>Sync overdue</source>
        <translation>同步逾期</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="221"/>
        <source>{why}. After {days} days without a successful sync a new intake needs a supervisor&apos;s password. Connect the terminal and sync (Ctrl+Shift+Y).</source>
        <translation>{why}。连续{days}天未同步成功后，新建办件须中心负责人输入密码授权。请联网后同步（Ctrl+Shift+Y）。</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="310"/>
        <source>Sync: not set up</source>
        <translation>同步：未设置</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="311"/>
        <source>This terminal is not enrolled with a county server: every change is kept here. An admin enrolls it in Settings (Ctrl+,).</source>
        <translation>本终端尚未在县级服务器注册：所有变更保留在本机。管理员可在“设置”（Ctrl+,）中注册。</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="320"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="324"/>
        <source>Syncing...</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="326"/>
        <source>Sync failed: {reason}</source>
        <translation>同步失败：{reason}</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="330"/>
        <source>Synced {when}</source>
        <translation>已同步{when}</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="332"/>
        <source>, {n} refused</source>
        <translation>，{n}条被拒收</translation>
    </message>
    <message>
        <location filename="../terminal_status.py" line="335"/>
        <source>Server {server}, terminal {number}. Last success: {when}. Changes waiting: {waiting}; refused by the server: {refused} (see the Sync page, F10).</source>
        <translation>服务器{server}，终端{number}。最近成功：{when}。待同步变更：{waiting}条；被服务器拒收：{refused}条（见“同步”页，F10）。</translation>
    </message>
</context>
<context>
    <name>TextAskDialog</name>
    <message>
        <location filename="../case_steps.py" line="193"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="193"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../case_steps.py" line="229"/>
        <source>Please fill this in.</source>
        <translation>请填写此项。</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../case_timeline.py" line="266"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="267"/>
        <source>Clerk</source>
        <translation>窗口工作人员</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="268"/>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="269"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="270"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="252"/>
        <source>{name} (department)</source>
        <translation>{name}（承办部门）</translation>
    </message>
    <message>
        <location filename="../case_timeline.py" line="254"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>VillagePointDialog</name>
    <message>
        <location filename="../dialogs.py" line="309"/>
        <source>Village point</source>
        <translation>代办点</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="313"/>
        <source>e.g. 东关村便民服务代办点</source>
        <translation>例如：东关村便民服务代办点</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="318"/>
        <source>&amp;Village point:</source>
        <translation>代办点（&amp;V）：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="319"/>
        <source>Where do you collect the materials? It is printed on the receipt.</source>
        <translation>在哪个代办点代办收件？代办点打印在代办收件回执上。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="331"/>
        <source>Enter the village point.</source>
        <translation>请填写代办点。</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../backup_dialog.py" line="67"/>
        <source>The store is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
</context>
</TS>
