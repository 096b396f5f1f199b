"""What the domain says, listed for translation: its error templates and its fields' names.

The domain raises English templates with their values (:mod:`clerk_desk.errors`);
:func:`clerk_desk.ui.messages.describe` translates them. lupdate reads the
literals below (contexts ``DomainMessages`` and ``DomainFields``);
``tests/test_domain_messages.py`` checks :func:`templates` against the domain's
raise sites, both ways.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_labels() -> dict[str, str]:
    """The name shown for each field an error names (its ``where``)."""
    translate = QCoreApplication.translate
    return {
        "id_number": translate("DomainFields", "ID number"),
        "credit_code": translate("DomainFields", "Credit code"),
        "name": translate("DomainFields", "Name"),
        "phone": translate("DomainFields", "Phone"),
        "contact_person": translate("DomainFields", "Contact person"),
        "applicant_id": translate("DomainFields", "Applicant"),
        "clerk_id": translate("DomainFields", "Clerk"),
        "staff_id": translate("DomainFields", "Clerk"),
        "item_code": translate("DomainFields", "Service item"),
        "answers": translate("DomainFields", "Situation questions"),
        "received": translate("DomainFields", "Materials received"),
        "missing": translate("DomainFields", "Materials missing"),
        "materials": translate("DomainFields", "Materials"),
        "material_ids": translate("DomainFields", "Materials"),
        "promise_date": translate("DomainFields", "Promise date"),
        "reason": translate("DomainFields", "Reason"),
        "legal_basis": translate("DomainFields", "Legal basis"),
        "competent_body": translate("DomainFields", "Competent body"),
        "decision": translate("DomainFields", "Decision"),
        "how": translate("DomainFields", "Delivery"),
        "proxy": translate("DomainFields", "Proxy"),
        "tracking_number": translate("DomainFields", "Tracking number"),
        "id_card": translate("DomainFields", "ID card"),
        "login": translate("DomainFields", "Login"),
        "password": translate("DomainFields", "Password"),
        "role": translate("DomainFields", "Role"),
        "window": translate("DomainFields", "Window"),
        "public_status_url": translate("DomainFields", "Public status URL"),
        "printer": translate("DomainFields", "Printer"),
        "roll_printer": translate("DomainFields", "Roll printer"),
        "language": translate("DomainFields", "Language"),
        "idle_lock_minutes": translate("DomainFields", "Idle lock"),
        "low_disk_warning_mb": translate("DomainFields", "Low disk warning"),
        "sync_interval_minutes": translate("DomainFields", "Sync interval"),
        "sync_batch_count": translate("DomainFields", "Sync batch size (changes)"),
        "sync_batch_bytes": translate("DomainFields", "Sync batch size (bytes)"),
        "sync_warn_days": translate("DomainFields", "Warn after days without a sync"),
        "sync_warn_waiting": translate("DomainFields", "Warn at changes waiting"),
        "sync_freeze_days": translate(
            "DomainFields", "Supervisor needed after days without a sync"
        ),
        "supervisor_login": translate("DomainFields", "Supervisor's login"),
        "supervisor_password": translate("DomainFields", "Supervisor's password"),
        "server_url": translate("DomainFields", "County server address"),
        "enroll_code": translate("DomainFields", "Enrollment code"),
        "village_point": translate("DomainFields", "Village point"),
        "village": translate("DomainFields", "Village point"),
        "decision_authority": translate("DomainFields", "Deciding body"),
        "reconsideration_body": translate("DomainFields", "Administrative review body"),
        "court": translate("DomainFields", "Court"),
        "batch_number": translate("DomainFields", "Batch number"),
        "case_ids": translate("DomainFields", "Cases"),
        "actor_id": translate("DomainFields", "Operator"),
        "agent_id": translate("DomainFields", "Village agent"),
        "counter_level": translate("DomainFields", "Counter level"),
        "id_card_reader": translate("DomainFields", "ID card reader"),
        "paper": translate("DomainFields", "Paper"),
        "terminal_code": translate("DomainFields", "Terminal number"),
        "terminal_number": translate("DomainFields", "Terminal number"),
        "document_prefix": translate("DomainFields", "Document serial prefix"),
        "layout": translate("DomainFields", "Paper"),
        "view": translate("DomainFields", "Case list"),
        "search": translate("DomainFields", "Search"),
        "due_soon_working_days": translate("DomainFields", "Due-soon warning"),
        "share": translate("DomainFields", "Warning share"),
        "min_working_days": translate("DomainFields", "Minimum working days"),
        "source": translate("DomainFields", "Calendar source"),
        "years": translate("DomainFields", "Calendar years"),
        "holidays": translate("DomainFields", "Holidays"),
        "workdays": translate("DomainFields", "Make-up workdays"),
        "chinesecalendar": translate("DomainFields", "Holiday calendar data"),
        # Named inside messages ("{field} is empty", "{what}s"): the card's fields, kinds of number.
        "sex": translate("DomainFields", "Sex"),
        "ethnicity": translate("DomainFields", "Ethnicity"),
        "birth date": translate("DomainFields", "Birth date"),
        "address": translate("DomainFields", "Address"),
        "ID number": translate("DomainFields", "ID number"),
        "issuing authority": translate("DomainFields", "Issuing authority"),
        "validity": translate("DomainFields", "Validity"),
        "validity start": translate("DomainFields", "Validity start"),
        "validity end": translate("DomainFields", "Validity end"),
        "tracking number": translate("DomainFields", "Tracking number"),
    }


def templates() -> list[str]:
    """Every message template the domain raises (lupdate reads this list)."""
    translate = QCoreApplication.translate
    return [
        translate("DomainMessages", "Unexpected error: {error}"),
        translate("DomainMessages", "{field}: {message}"),
        # -- templates of clerk_desk modules follow (kept in step by a test) --
        # identity_numbers.py
        translate("DomainMessages", "ID number is empty"),
        translate(
            "DomainMessages", "15-digit numbers are no longer valid; ask for the 18-digit number"
        ),
        translate("DomainMessages", "ID number should have 18 characters, got {length}"),
        translate("DomainMessages", "character {pos} should be a digit, got {got}"),
        translate(
            "DomainMessages", "character 18 (the check character) should be a digit or X, got {got}"
        ),
        translate("DomainMessages", "unknown province code {code} (first two digits)"),
        translate("DomainMessages", "birth date {digits} (characters 7-14) is not a real date"),
        translate("DomainMessages", "birth date {birth} is before {earliest}"),
        translate("DomainMessages", "birth date {birth} is after today ({today})"),
        translate(
            "DomainMessages",
            "the last character (the check character) does not match the 17 digits before it: the number is probably mistyped; compare every digit with the ID card",
        ),
        translate("DomainMessages", "credit code is empty"),
        translate("DomainMessages", "credit code should have 18 characters, got {length}"),
        translate(
            "DomainMessages",
            "character {pos} is {typed}: the letters I, O, S, V and Z are never used in unified social credit codes (did you mean {hint}?)",
        ),
        translate(
            "DomainMessages",
            "character {pos} is {typed}: the letters I, O, S, V and Z are never used in unified social credit codes",
        ),
        translate(
            "DomainMessages",
            "character {pos} is {typed}, which is not allowed; only digits and capital letters other than I, O, S, V and Z are used",
        ),
        translate(
            "DomainMessages",
            "the last character (the check character) does not match the 17 characters before it: the code is probably mistyped; compare every character with the business licence",
        ),
        translate("DomainMessages", "phone number is empty"),
        translate("DomainMessages", "{typed} does not belong in a phone number; use digits only"),
        translate("DomainMessages", "only mainland China numbers (+86) are accepted"),
        translate(
            "DomainMessages",
            "after +86 only a mobile number is accepted; write landlines with their area code, e.g. 0571-88889999",
        ),
        translate("DomainMessages", "mobile numbers have 11 digits, got {length} ({number})"),
        translate("DomainMessages", "mobile numbers start with 13 to 19, got {start} ({number})"),
        translate("DomainMessages", "{code} is not a mainland area code (010, 02x or 0xxx)"),
        translate(
            "DomainMessages",
            "the local number after area code {area} should have 7 or 8 digits, got {length}",
        ),
        translate(
            "DomainMessages",
            "expected a mainland mobile number (11 digits starting with 13-19) or a landline number with its area code (e.g. 0571-88889999); got {typed}",
        ),
        translate("DomainMessages", "character {pos} is {shown}, a control character; remove it"),
        translate(
            "DomainMessages",
            "character {pos} is {shown}, an invisible formatting character; remove it",
        ),
        translate(
            "DomainMessages",
            "character {pos} is {shown}, a lone surrogate (the text was decoded wrongly); remove it",
        ),
        translate(
            "DomainMessages",
            "character {pos} is {shown}, a private-use character other computers cannot display; remove it",
        ),
        translate(
            "DomainMessages",
            "character {pos} is {shown}, not an assigned Unicode character; remove it",
        ),
        translate("DomainMessages", "character {pos} is {shown}, a line break; remove it"),
        translate("DomainMessages", "character {pos} is {shown}, a paragraph break; remove it"),
        translate("DomainMessages", "{field} is empty"),
        translate(
            "DomainMessages", "{field} has {length} characters; at most {max_len} are allowed"
        ),
        # tracking_numbers.py
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}: no digit 0 is used (nor the letter O) in {what}s",
        ),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter O is used (nor the digit 0) in {what}s",
        ),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}: no digit 1 is used (nor the letters I and L) in {what}s",
        ),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter I is used (nor the digit 1 or the letter L) in {what}s",
        ),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter L is used (nor the digit 1 or the letter I) in {what}s",
        ),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter S is used; it is probably the digit 5 in {what}s",
        ),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter Z is used; it is probably the digit 2 in {what}s",
        ),
        translate("DomainMessages", "{what} is empty"),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}, which never appears in {what}s (they use only the symbols {alphabet})",
        ),
        translate(
            "DomainMessages",
            "tracking number should have {length} characters (not counting spaces and hyphens), got {got}",
        ),
        translate(
            "DomainMessages",
            "tracking number fails its check character test; it is probably mistyped (compare it with the receipt)",
        ),
        translate("DomainMessages", "daily tracking-number sequence exhausted for this terminal"),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}, but tracking numbers are digits only; it is probably the digit {digit}",
        ),
        translate(
            "DomainMessages",
            "character {pos} (not counting spaces and hyphens) is {typed}, but tracking numbers are digits only",
        ),
        translate(
            "DomainMessages",
            "tracking number should have {length} digits (not counting spaces and hyphens), got {got}",
        ),
        translate(
            "DomainMessages",
            "tracking number begins with {digits}, which is no date; it is probably mistyped (compare it with the receipt)",
        ),
        translate(
            "DomainMessages", "a terminal number has {length} digits, like 00042; got {typed}"
        ),
        translate(
            "DomainMessages",
            "terminal numbers {first}-{last} are drawn by terminals not yet enrolled, and 00000 is none: the county assigns 00001-{highest}",
        ),
        # intake.py
        translate(
            "DomainMessages",
            "a rejection names the bodies the applicant may appeal to, and {fields} is not set: a supervisor or an admin sets it in Settings",
        ),
        translate(
            "DomainMessages",
            "case {number}: the materials were received on {received_on} and a one-time notice was due by {due_by} (Administrative Licensing Law art. 32): the application counts as accepted from the day of receipt; accept the case",
        ),
        translate(
            "DomainMessages",
            "case {number}: nothing was received at the visit on {opened_on}, so a one-time notice could only be given that day; tick what the applicant hands in today (the notice then counts from today), or give them the service guide",
        ),
        translate(
            "DomainMessages",
            "item {code} is accepted at {level} level and this is a {counter_level} counter: name the competent body the applicant should turn to",
        ),
        translate("DomainMessages", "no applicant with id {id}"),
        translate(
            "DomainMessages",
            "item {code} ({name}) may not be taken by a village agent; the applicant must come to the township counter",
        ),
        translate(
            "DomainMessages", "a village agent needs the applicant's letter of authorisation"
        ),
        # intake.py: village agents collect, the township decides
        translate(
            "DomainMessages",
            "case {number} has been collected: its materials are checked and decided at the township counter after the hand-over",
        ),
        translate(
            "DomainMessages",
            "{name} is a village agent: the township counter accepts, notifies or rejects after the hand-over; at the village point, collect the materials of case {number}",
        ),
        translate(
            "DomainMessages",
            "case {number} was not taken by {name}: an agent collects only the cases they took",
        ),
        translate(
            "DomainMessages",
            "only a village agent collects a case for the township; at the counter, accept, notify or reject case {number}",
        ),
        translate(
            "DomainMessages",
            "case {number} was collected by the village agent {name} and its handover list has not been received here yet: receive the list first",
        ),
        translate(
            "DomainMessages",
            "case {number}: nothing was collected; the applicant keeps the case until they have materials to hand in",
        ),
        translate(
            "DomainMessages",
            "name the village point where the materials are collected (it is printed on the receipt)",
        ),
        translate("DomainMessages", "no person with id {id}"),
        translate("DomainMessages", "the applicant cannot act for themself"),
        translate(
            "DomainMessages",
            "the person acting is {age} years old: only an adult may act for an applicant",
        ),
        translate(
            "DomainMessages",
            "who acts for the applicant? register the person acting (their name and ID number) with the letter of authorisation",
        ),
        translate(
            "DomainMessages",
            "the applicant is {age} years old: a guardian must act for a minor (record them as proxy with the letter of authorisation)",
        ),
        translate("DomainMessages", "case {number} is {state}: its answers are frozen"),
        translate("DomainMessages", "item {code} does not ask this question (it asks: nothing)"),
        translate(
            "DomainMessages", "item {code} does not ask this question (it asks: {questions})"
        ),
        translate("DomainMessages", "must be yes or no, got {got}"),
        translate(
            "DomainMessages",
            "case {number} was opened without a proxy: for someone acting on the applicant's behalf, start a new intake with the proxy and the letter of authorisation",
        ),
        translate(
            "DomainMessages",
            "case {number} records a proxy with a letter of authorisation: the answer is yes",
        ),
        translate("DomainMessages", "case {number} is {state}: its checklist is closed"),
        translate("DomainMessages", "marked both received and missing"),
        translate("DomainMessages", "both marked and unmarked in one call"),
        translate(
            "DomainMessages",
            "material {material} is not on the checklist of case {number} ({item}) with its answers",
        ),
        translate(
            "DomainMessages",
            "material {material} was not listed on the one-time notice of case {number}; only what the notice listed may be asked for",
        ),
        translate("DomainMessages", "case {number}: unanswered questions: {questions}"),
        translate("DomainMessages", "case {number}: materials not yet checked: {materials}"),
        translate(
            "DomainMessages",
            "item {code} is accepted at {level} level and this is a {counter_level} counter: reject case {number} with a referral to the competent body",
        ),
        translate("DomainMessages", "case {number} cannot be accepted: missing {materials}"),
        translate("DomainMessages", "item {code} ({name}) does not allow tolerant acceptance"),
        translate("DomainMessages", "case {number}: nothing is missing; accept it instead"),
        translate("DomainMessages", "case {number}: key materials are never waived: {materials}"),
        translate("DomainMessages", "must be after today ({today})"),
        translate("DomainMessages", "must not be after the case's due date {due_on}"),
        translate(
            "DomainMessages",
            "a one-time notice was already issued for case {number} on {day}; a second notice is not allowed: reprint the first one",
        ),
        translate("DomainMessages", "case {number}: nothing is missing; no notice is needed"),
        translate(
            "DomainMessages",
            "case {number}: {materials} were already received with case {earlier} on this item and are not asked for again: tick them received",
        ),
        # cases.py
        translate("DomainMessages", "no active staff account with id {id}"),
        translate("DomainMessages", "must not be empty"),
        translate("DomainMessages", "is {length} characters long; at most {max_len} allowed"),
        translate("DomainMessages", "contains control character {code} at {pos}"),
        translate("DomainMessages", "case_id: no case with id {id}"),
        translate("DomainMessages", "tracking_number: no case {number}"),
        translate("DomainMessages", "case {number} is {state}; only a suspended case resumes"),
        translate(
            "DomainMessages", "case {number} was not tolerant-accepted: nothing was promised"
        ),
        translate("DomainMessages", "case {number} is {state}: no materials are awaited any more"),
        translate("DomainMessages", "name at least one material that arrived"),
        translate("DomainMessages", "{material} is not a promised material of case {number}"),
        translate(
            "DomainMessages",
            "case {number} is handled by the county's back office now: this terminal only "
            "hands the result over",
        ),
        # lifecycle.py
        translate(
            "DomainMessages",
            "case {number} is {current}; it cannot become {target}: only an immediate item "
            "is completed at acceptance, others are processed and decided first "
            "(allowed next: {states})",
        ),
        translate(
            "DomainMessages",
            "case {number} is {current}; it cannot become {target} (allowed next: none: the case is closed)",
        ),
        translate(
            "DomainMessages",
            "case {number} is {current}; it cannot become {target} (allowed next: {states})",
        ),
        # staff.py
        translate("DomainMessages", "must be 1-64 printable characters without spaces"),
        translate("DomainMessages", "must be one of {choices}, got {got}"),
        translate("DomainMessages", "must have at least {min_length} characters"),
        translate("DomainMessages", "must not be the login"),
        translate("DomainMessages", "must not be the demo account's password"),
        translate("DomainMessages", "must differ from the current password"),
        translate("DomainMessages", "only a village agent serves a village point"),
        translate("DomainMessages", "only an admin may create, disable or enable staff accounts"),
        translate("DomainMessages", "the login {login} is kept for the demo account"),
        translate("DomainMessages", "login {login} is already taken"),
        translate("DomainMessages", "{login} is already taken"),
        translate("DomainMessages", "no staff account with id {id}"),
        translate("DomainMessages", "nobody may disable their own account"),
        translate("DomainMessages", "the account {login} is already disabled"),
        translate("DomainMessages", "the account {login} is already active"),
        translate(
            "DomainMessages",
            "the account {login} is the last active admin: create another admin first",
        ),
        translate(
            "DomainMessages",
            "the demo account stays disabled once a real admin exists: its password is public",
        ),
        translate("DomainMessages", "the village agent {login} has no village point"),
        translate("DomainMessages", "the demo account's password cannot be changed"),
        translate("DomainMessages", "a {actor_role} may not reset the password of a {role}"),
        translate(
            "DomainMessages",
            "the account {login} is locked after {count} failed logins; try again after {until}",
        ),
        # centre_setup.py
        translate("DomainMessages", "the centre is set up already: an admin account exists"),
        # case_documents.py
        translate("DomainMessages", "case {number} is {state}: no outcome document to print"),
        translate("DomainMessages", "document_id: no document {id}"),
        translate(
            "DomainMessages",
            "item {code} ({name}) names no deciding body and the centre's {field} is not set: a decision cannot be issued without the name of the body that makes it; a supervisor or an admin sets it in Settings",
        ),
        translate(
            "DomainMessages",
            "the {document} is printed on A4 only (it is sealed and the applicant keeps it), and this counter has only the 80 mm roll printer: choose an A4 printer in Settings",
        ),
        # case_documents.py, printing/documents.py
        translate(
            "DomainMessages",
            "the {document} is printed on A4 only: it is sealed and the applicant keeps it",
        ),
        # handover.py
        translate("DomainMessages", "type or scan the batch number of the handover list"),
        translate(
            "DomainMessages",
            "handover code version {version} is not known to this ClerkDesk (it reads version {known})",
        ),
        translate("DomainMessages", "the scanned handover code carries no batch number"),
        translate(
            "DomainMessages", "{typed} is not a handover batch number (like HO-90421-20261123-01)"
        ),
        translate("DomainMessages", "must be a list of case ids, not one string"),
        translate("DomainMessages", "a handover list needs at least one case"),
        translate("DomainMessages", "{count} cases on one list; at most {max_cases} fit"),
        translate("DomainMessages", "is the same case as case_ids[{index}]"),
        translate(
            "DomainMessages", "this terminal has no terminal number yet: finish its set-up first"
        ),
        translate(
            "DomainMessages",
            "batch number {batch} was taken while the list was being made; make the list again",
        ),
        translate(
            "DomainMessages",
            "{name} is a village agent: a handover list is received at the township counter by a clerk",
        ),
        translate("DomainMessages", "handover list {batch} was already received by {name} at {at}"),
        translate(
            "DomainMessages",
            "{name} is not a village agent: only an agent hands cases over with a handover list",
        ),
        translate("DomainMessages", "no case with id {id}"),
        translate(
            "DomainMessages",
            "case {number} was not taken by {name}: an agent hands over only the cases they took",
        ),
        translate(
            "DomainMessages",
            "case {number} is {state}: only cases the agent collected go to the township with their materials",
        ),
        translate("DomainMessages", "case {number} is already on handover list {batch}"),
        translate("DomainMessages", "999 handover lists made today on terminal {terminal}"),
        translate("DomainMessages", "batch_number: no handover list {batch}"),
        # id_card.py
        translate("DomainMessages", "sex should be 男 or 女, got {got}"),
        translate(
            "DomainMessages",
            "birth date {card_birth} on the card does not match the ID number {number}, which gives {id_birth}; read the card again",
        ),
        translate(
            "DomainMessages",
            "sex {card_sex} on the card does not match the ID number {number} (its 17th digit says {id_sex}); read the card again",
        ),
        translate(
            "DomainMessages", "validity starts on {valid_from}, before the birth date {birth}"
        ),
        translate(
            "DomainMessages", "validity ends on {valid_until}, before it starts ({valid_from})"
        ),
        translate("DomainMessages", "{field}: {problem}"),
        translate(
            "DomainMessages",
            "ID card reader {reader} is not connected: check its USB cable and driver, then try again",
        ),
        translate(
            "DomainMessages",
            "ID card reader {reader} did not answer in time: unplug it, plug it in again and retry",
        ),
        translate(
            "DomainMessages",
            "ID card reader {reader} could not read the card: take it off, put it back flat on the reader and retry (a damaged chip cannot be read)",
        ),
        translate("DomainMessages", "nothing was read; put the card on the reader again"),
        translate("DomainMessages", "the {field} field is empty"),
        translate(
            "DomainMessages",
            "a card record has {count} fields separated by tabs ({fields}); got {got}",
        ),
        translate(
            "DomainMessages",
            "a card record has {count} fields separated by commas ({fields}); got {got}",
        ),
        translate(
            "DomainMessages",
            "a card record has {count} fields separated by {separator} ({fields}); got {got}",
        ),
        translate("DomainMessages", "sex should be 男 or 女 (or the code 1 or 2), got {got}"),
        translate("DomainMessages", "ethnicity code {code} is not a GB 3304 code (01-56)"),
        translate("DomainMessages", "{field} should be written YYYYMMDD, got {got}"),
        translate("DomainMessages", "{field} {shown} is not a real date"),
        translate(
            "DomainMessages",
            "validity should be written YYYYMMDD-YYYYMMDD or YYYYMMDD-长期, got {got}",
        ),
        # settings.py
        translate("DomainMessages", "must be one of {choices}"),
        translate(
            "DomainMessages",
            "must be an http(s) address with a host, e.g. https://zwfw.example.gov.cn/status",
        ),
        translate("DomainMessages", "must be cups:QUEUE, qt:NAME, folder:PATH or empty"),
        translate("DomainMessages", "must be between 1 and 240"),
        translate("DomainMessages", "must be keyboard or simulated"),
        translate("DomainMessages", "must be a4 or roll80"),
        translate("DomainMessages", "must be a whole number of MB from 0 (no warning) to {limit}"),
        translate(
            "DomainMessages",
            "must be a full path to a folder, e.g. /media/usb/clerk-desk, or empty for none",
        ),
        # desk.py
        translate("DomainMessages", "only a supervisor or an admin may change {settings}"),
        translate(
            "DomainMessages",
            "only an admin may change the terminal number: every tracking number carries it",
        ),
        # printing/printers.py
        translate("DomainMessages", "80 mm roll"),
        translate("DomainMessages", "A4"),
        translate("DomainMessages", "no printer is chosen for {paper} paper in Settings"),
        translate("DomainMessages", "no reason given"),
        translate("DomainMessages", "printer {queue} is not accepting jobs: {reason}"),
        translate("DomainMessages", "printer {queue} is stopped: {reason}"),
        translate("DomainMessages", "lpstat exit status {status}"),
        translate("DomainMessages", "lp exit status {status}"),
        translate("DomainMessages", "the disk is full"),
        translate("DomainMessages", "the disk is full or failing"),
        translate("DomainMessages", "empty (0 bytes)"),
        translate("DomainMessages", "missing"),
        translate("DomainMessages", "no permission to write there"),
        translate("DomainMessages", "the disk is read-only"),
        translate("DomainMessages", "printing system not available: the 'lp' command is missing"),
        translate("DomainMessages", "printer {queue}: no answer within {seconds} s"),
        translate("DomainMessages", "printer {queue}: {reason}"),
        translate("DomainMessages", "cannot write to {folder}: {reason}"),
        translate("DomainMessages", "no printer is chosen in Settings"),
        translate("DomainMessages", "printer setting {value} is not cups:NAME or folder:PATH"),
        # printing/fonts.py
        translate(
            "DomainMessages",
            "no installed font has a glyph for '{char}' ({code}) in field {document_fields}",
        ),
        translate("DomainMessages", "no usable CJK font (TrueType outlines) is installed"),
        translate("DomainMessages", "{problem}; {more}"),
        # case_lists.py
        translate("DomainMessages", "the list of my cases needs the logged-in clerk"),
        translate(
            "DomainMessages",
            "the list {view} is not shown to a {role}: a village agent sees only the cases they collected",
        ),
        translate("DomainMessages", "at most {max_len} characters"),
        translate("DomainMessages", "must be a whole number"),
        translate("DomainMessages", "must be at least 1"),
        # supervision.py
        translate("DomainMessages", "must be a number, got {got}"),
        translate("DomainMessages", "must be at least 0 and below 1, got {got}"),
        translate("DomainMessages", "must be a whole number, got {got}"),
        translate("DomainMessages", "must not be negative, got {got}"),
        # working_days.py
        translate("DomainMessages", "{dates} and {more} more"),
        translate("DomainMessages", "must hold plain dates, got {got}"),
        translate("DomainMessages", "must name where the calendar data comes from"),
        translate("DomainMessages", "must hold integer years, got {got}"),
        translate("DomainMessages", "year out of range: {year}"),
        translate("DomainMessages", "dates both holiday and make-up workday: {dates}"),
        translate("DomainMessages", "dates outside the listed years: {dates}"),
        translate("DomainMessages", "a make-up workday must be a Saturday or Sunday: {dates}"),
        translate("DomainMessages", "must be a collection of integer years"),
        translate("DomainMessages", "unexpected entry {value}"),
        # storage.py
        translate("DomainMessages", "migration left broken references: {problems}"),
        translate("DomainMessages", "{path}: cannot read the database: {error}"),
        translate(
            "DomainMessages",
            "{path}: the database is at schema revision {revision}, written by a newer ClerkDesk; update the application instead of opening it with this one",
        ),
        # storage.py: the disk
        translate(
            "DomainMessages",
            "the disk is full: {path} cannot be written. Nothing was saved; free some space and try again",
        ),
        translate(
            "DomainMessages",
            "{path} cannot be written: the disk is full or failing. Nothing was saved; free some space and try again",
        ),
        translate(
            "DomainMessages", "the data directory {path} is read-only: nothing can be saved there"
        ),
        translate(
            "DomainMessages",
            "the data directory {path} is read-only and holds no ClerkDesk store yet: ClerkDesk cannot set one up there",
        ),
        translate(
            "DomainMessages",
            "the data directory {path} is read-only and its database cannot be read there: {error}",
        ),
        translate(
            "DomainMessages",
            "the data directory {path} is read-only, and its database needs an update that ClerkDesk cannot write there",
        ),
        # data_dir.py
        translate(
            "DomainMessages",
            "the data directory {path} cannot be made: a file of that name is in the way",
        ),
        translate(
            "DomainMessages",
            "the data directory {path} cannot be made: {blocker} is a file, not a folder",
        ),
        translate(
            "DomainMessages",
            "the data directory {path} cannot be made: no permission to write in {parent}",
        ),
        translate(
            "DomainMessages",
            "the disk is full: {path} cannot be written; free some space and try again",
        ),
        translate(
            "DomainMessages", "the data directory {path} cannot be made: the disk is read-only"
        ),
        translate("DomainMessages", "the data directory {path} cannot be made: {reason}"),
        # instance_lock.py
        translate(
            "DomainMessages",
            "another ClerkDesk has been setting up {path} for over {seconds} s; try again when it has finished",
        ),
        # desk.py
        translate(
            "DomainMessages",
            "the store in {path} needs an update, and the ClerkDesk app has it open: close the app first",
        ),
        # first_run.py
        translate(
            "DomainMessages",
            "the data directory {path} is read-only and its store is not set up yet: ClerkDesk cannot set it up there",
        ),
        # ui/app.py
        translate(
            "DomainMessages",
            "the data directory {path} is read-only: the app cannot save cases there (the clerk-desk commands that only read still work)",
        ),
        translate(
            "DomainMessages",
            "ClerkDesk is already open on this computer for the data directory {path}; use the open window",
        ),
        # backups.py
        translate(
            "DomainMessages",
            "the store {path} is damaged ({problem}); nothing can be saved. No good backup was found: call the county's IT officer before working on",
        ),
        translate(
            "DomainMessages",
            "the store {path} is damaged ({problem}); nothing can be saved. Restore the newest good backup: clerk-desk restore {backup}",
        ),
        translate(
            "DomainMessages",
            "the store {path} is {condition}, but this data directory was used before; it is not set up as a new terminal. To start over deliberately: clerk-desk --new-store info",
        ),
        translate(
            "DomainMessages",
            "the store {path} is {condition}, but this data directory was used before; it is not set up as a new terminal. Restore the newest good backup: clerk-desk restore {backup} (or start over deliberately: clerk-desk --new-store info)",
        ),
        translate(
            "DomainMessages",
            "the copy failed its integrity check ({problem}): the store is probably damaged",
        ),
        translate("DomainMessages", "{path}: there is no store to back up"),
        translate("DomainMessages", "{folder}: cannot write a backup there: {reason}"),
        translate(
            "DomainMessages",
            "{folder}: the disk is full: {free} MB free, the backup needs {needed} MB",
        ),
        translate(
            "DomainMessages", "only a supervisor or an admin may back up or restore the store"
        ),
        translate("DomainMessages", "{file}: no such backup file"),
        translate("DomainMessages", "{file} is damaged ({problem}); choose another backup"),
        translate("DomainMessages", "{file} is not a ClerkDesk store ({error})"),
        translate(
            "DomainMessages", "{file} is at schema revision {revision}, unknown to this ClerkDesk"
        ),
        translate(
            "DomainMessages",
            "ClerkDesk is open on {data_dir}: close it (or restore from its Backups dialog)",
        ),
        translate(
            "DomainMessages",
            "{file} is another terminal's backup (terminal {theirs}, this one is {ours}); restore it only on purpose, with --force",
        ),
        translate("DomainMessages", "cannot restore {file}: {reason}; the store is as it was"),
        translate(
            "DomainMessages", "{path}: not migrated, the copy before migrating failed: {error}"
        ),
        # printing/layout.py
        translate(
            "DomainMessages",
            "the QR code ({length} characters) is too large to print readably on {paper} paper; print it on A4 or make the list shorter",
        ),
        # sync.py
        translate(
            "DomainMessages",
            "the server {url} gave an answer this terminal cannot read ({problem}); nothing was changed",
        ),
        translate(
            "DomainMessages",
            "the server {url} refused the request (HTTP {status} {code}: {message})",
        ),
        translate(
            "DomainMessages",
            "the connection to the server {url} was cut ({error}); nothing was changed, the changes wait",
        ),
        translate(
            "DomainMessages",
            "must be an https address with a host, e.g. https://zwfw.example.gov.cn",
        ),
        translate(
            "DomainMessages",
            "must be https: plain http is only for a server on this computer (127.0.0.1)",
        ),
        translate("DomainMessages", "must not carry a query or a fragment"),
        translate(
            "DomainMessages",
            "the server {url} does not accept this terminal's credentials (unauthorized): enroll it again with a new code; the changes wait",
        ),
        translate(
            "DomainMessages",
            "the county has revoked this terminal (吊销): it no longer syncs with {url}; the changes are kept here, ask the county",
        ),
        translate(
            "DomainMessages",
            "this ClerkDesk ({version}) is too old for the server {url}: update it; the changes wait",
        ),
        translate(
            "DomainMessages",
            "the enrollment code is unknown, already used or expired: ask the county for a new one",
        ),
        translate(
            "DomainMessages", "the server {url} is busy (too many requests): try again later"
        ),
        translate(
            "DomainMessages",
            "the server {url} stayed busy (every county terminal syncing at once): the changes wait for the next sync",
        ),
        translate(
            "DomainMessages",
            "the server {url} failed (HTTP {status}): try again later; the changes wait",
        ),
        translate(
            "DomainMessages",
            "the server {url} did not answer in time; nothing was changed, the changes wait",
        ),
        translate(
            "DomainMessages",
            "the server {url} cannot be reached (no connection); nothing was changed, the changes wait",
        ),
        translate(
            "DomainMessages",
            "this terminal is not enrolled with a county server: enroll it first (clerk-desk sync enroll URL CODE)",
        ),
        translate(
            "DomainMessages", "only an admin may enroll the terminal: it sets the terminal number"
        ),
        translate("DomainMessages", "change {entry} is not in quarantine"),
        # settings.py (the sync batch bounds, the freeze policy)
        translate("DomainMessages", "must be a whole number from {low} to {high}"),
        translate(
            "DomainMessages", "the warning must come before the freeze: fewer days than {freeze}"
        ),
        # sync_freeze.py, intake.py (the freeze policy)
        translate(
            "DomainMessages",
            "no successful sync with the county server for {days} days (the limit is {limit}): a new intake needs a supervisor's password; cases already taken go on",
        ),
        translate(
            "DomainMessages",
            "the clock is {days} days behind the latest time this terminal has recorded: set the date right; meanwhile a new intake needs a supervisor's password",
        ),
        translate("DomainMessages", "a supervisor's login is needed"),
        translate("DomainMessages", "wrong login or password of a supervisor account"),
        translate("DomainMessages", "{login} is not an active supervisor of this terminal"),
        # instance_lock.py (one sync at a time)
        translate("DomainMessages", "a sync is already running on {path}"),
        # ui/qt_printing.py
        translate("DomainMessages", "printer {name}"),
        translate("DomainMessages", "the default printer"),
        translate("DomainMessages", "{printer} not found: no printers are set up here"),
        translate("DomainMessages", "{printer} not found (printers here: {known})"),
        translate("DomainMessages", "the document could not be read for printing"),
        translate("DomainMessages", "{printer}: page {page} could not be rendered for printing"),
        translate("DomainMessages", "{printer} did not start the job (offline, or out of paper?)"),
        translate("DomainMessages", "{printer} stopped at page {page}"),
        translate("DomainMessages", "{printer} did not finish the job"),
    ]
