<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../widgets/rating_widget.py" line="52"/>
        <source>Very satisfied</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="53"/>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="54"/>
        <source>Fairly satisfied</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="55"/>
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="56"/>
        <source>Very dissatisfied</source>
        <translation>Very dissatisfied</translation>
    </message>
</context>
<context>
    <name>ChooseScreen</name>
    <message>
        <location filename="../screens/choose.py" line="248"/>
        <source>Life events (one-stop)</source>
        <translation>Life events (one-stop)</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="276"/>
        <source>Popular services</source>
        <translation>Popular services</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="277"/>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="278"/>
        <source>Services in this category</source>
        <translation>Services in this category</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="279"/>
        <source>Life events: several matters in one go</source>
        <translation>Life events: several matters in one go</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="298"/>
        <source>Recent</source>
        <translation>Recent</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="300"/>
        <source>One-stop</source>
        <translation>One-stop</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="308"/>
        <source>Nothing found. Try fewer words, pinyin initials (e.g. jzz), or press Help.</source>
        <translation>Nothing found. Try fewer words, pinyin initials (e.g. jzz), or press Help.</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="314"/>
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="315"/>
        <source>Search: Chinese, pinyin or initials</source>
        <translation>Search: Chinese, pinyin or initials</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="316"/>
        <source>Or pick a category below.</source>
        <translation>Or pick a category below.</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="317"/>
        <source>Back to home</source>
        <translation>Back to home</translation>
    </message>
</context>
<context>
    <name>ConsentOverlay</name>
    <message>
        <location filename="../overlays.py" line="210"/>
        <source>Save and continue later?</source>
        <translation>Save and continue later?</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="213"/>
        <source>Your answers will be kept on this kiosk for up to {days} days so you can continue later with your ID card. Nobody else can open them. After that they are deleted.</source>
        <translation>Your answers will be kept on this kiosk for up to {days} days so you can continue later with your ID card. Nobody else can open them. After that they are deleted.</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="218"/>
        <source>I agree that my answers are kept</source>
        <translation>I agree that my answers are kept</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="219"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="220"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>DateEntry</name>
    <message>
        <location filename="../widgets/date_entry.py" line="160"/>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../widgets/date_entry.py" line="160"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../widgets/date_entry.py" line="160"/>
        <source>Day</source>
        <translation>Day</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../screens/done.py" line="99"/>
        <source>Printing your receipt…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="103"/>
        <source>Your receipt has been printed. Please take it.</source>
        <translation>Your receipt has been printed. Please take it.</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="112"/>
        <source>Your application is saved all the same. Please note or photograph the number above; you can re-print the receipt here or at the window.</source>
        <translation>Your application is saved all the same. Please note or photograph the number above; you can re-print the receipt here or at the window.</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="120"/>
        <source>Staff will finish your matter today.</source>
        <translation>Staff will finish your matter today.</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="123"/>
        <source>We will process it within {n} working days.</source>
        <translation>We will process it within {n} working days.</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="129"/>
        <source>Bring the missing materials to the window by {date}.</source>
        <translation>Bring the missing materials to the window by {date}.</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="133"/>
        <source>Check progress here or with hotline 12345 using this number.</source>
        <translation>Check progress here or with hotline 12345 using this number.</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="137"/>
        <source>Application submitted</source>
        <translation>Application submitted</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="138"/>
        <source>Your tracking number</source>
        <translation>Your tracking number</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="139"/>
        <source>Photograph the code with your phone to keep the number.</source>
        <translation>Photograph the code with your phone to keep the number.</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="140"/>
        <source>Print the receipt again</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="141"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="142"/>
        <source>Another matter</source>
        <translation>Another matter</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="143"/>
        <source>Rate this service</source>
        <translation>Rate this service</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../screens/form.py" line="244"/>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="246"/>
        <source>You will sign with your finger after the materials step.</source>
        <translation>You will sign with your finger after the materials step.</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="269"/>
        <source>From your card</source>
        <translation>From your card</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="271"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="272"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="275"/>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="276"/>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="277"/>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="278"/>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="279"/>
        <source>Detailed address</source>
        <translation>Detailed address</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="288"/>
        <source>Photos are taken in the materials step.</source>
        <translation>Photos are taken in the materials step.</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../screens/form.py" line="400"/>
        <source>Entry {n}</source>
        <translation>Entry {n}</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="401"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="407"/>
        <source>Add an entry</source>
        <translation>Add an entry</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="451"/>
        <source>Step {n} of {total} · screen {i} of {m}</source>
        <translation>Step {n} of {total} · screen {i} of {m}</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="456"/>
        <source>Step {n} of {total}</source>
        <translation>Step {n} of {total}</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="464"/>
        <source>Please correct the {n} marked answers.</source>
        <translation>Please correct the {n} marked answers.</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="472"/>
        <source>Saved for later</source>
        <translation>Saved for later</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="472"/>
        <location filename="../screens/form.py" line="478"/>
        <source>Save for later</source>
        <translation>Save for later</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="476"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="477"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../screens/guide.py" line="87"/>
        <source>Done on the spot</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="90"/>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="92"/>
        <location filename="../screens/guide.py" line="113"/>
        <source>Fee: {amount} yuan</source>
        <translation>Fee: {amount} yuan</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="98"/>
        <source>At a glance</source>
        <translation>At a glance</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="101"/>
        <source>Department: {name}</source>
        <translation>Department: {name}</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="104"/>
        <source>Time limit: finished on the spot</source>
        <translation>Time limit: finished on the spot</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="107"/>
        <source>Time limit: {n} working days</source>
        <translation>Time limit: {n} working days</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="111"/>
        <source>Fee: free of charge</source>
        <translation>Fee: free of charge</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="117"/>
        <source>Visits to a service window: {n}</source>
        <translation>Visits to a service window: {n}</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="122"/>
        <source>Result delivery: {options}</source>
        <translation>Result delivery: {options}</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="128"/>
        <source>This one-stop service includes</source>
        <translation>This one-stop service includes</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="132"/>
        <source>Who can apply</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="135"/>
        <source>Materials</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="149"/>
        <source>Materials marked &apos;supplement later&apos; may be handed in within {n} days.</source>
        <translation>Materials marked &apos;supplement later&apos; may be handed in within {n} days.</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="158"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="159"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../overlays.py" line="161"/>
        <source>A staff member is on the way</source>
        <translation>A staff member is on the way</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="164"/>
        <source>We have called a community worker to help you. Please stay at the kiosk. You can keep using the screen while you wait.</source>
        <translation>We have called a community worker to help you. Please stay at the kiosk. You can keep using the screen while you wait.</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="168"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home.py" line="198"/>
        <source>Insert your ID card to start</source>
        <translation>Insert your ID card to start</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="201"/>
        <source>Welcome! What would you like to do?</source>
        <translation>Welcome! What would you like to do?</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="202"/>
        <source>Place your ID card on the reader at any time to start.</source>
        <translation>Place your ID card on the reader at any time to start.</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="203"/>
        <source>Handle a matter</source>
        <translation>Handle a matter</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="204"/>
        <source>Life events (one-stop)</source>
        <translation>Life events (one-stop)</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="205"/>
        <source>Check progress</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="206"/>
        <source>Rate a service</source>
        <translation>Rate a service</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="207"/>
        <source>Call for help</source>
        <translation>Call for help</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../screens/identify.py" line="221"/>
        <source>Reading your card… please keep it still.</source>
        <translation>Reading your card… please keep it still.</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="223"/>
        <source>The card reader is not available.</source>
        <translation>The card reader is not available.</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="226"/>
        <source>Place your ID card or social security card flat on the reader below.</source>
        <translation>Place your ID card or social security card flat on the reader below.</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="271"/>
        <source>Please identify yourself</source>
        <translation>Please identify yourself</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="272"/>
        <source>No card? Enter your ID number</source>
        <translation>No card? Enter your ID number</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="273"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="274"/>
        <source>Enter the 18-character number on your ID card.</source>
        <translation>Enter the 18-character number on your ID card.</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="275"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="276"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="277"/>
        <source>Please take your card</source>
        <translation>Please take your card</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="279"/>
        <source>Your card has been read. Take it with you, then we continue.</source>
        <translation>Your card has been read. Take it with you, then we continue.</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="281"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="282"/>
        <source>Back to home</source>
        <translation>Back to home</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../overlays.py" line="99"/>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="102"/>
        <source>For your privacy, this page will close in {n} seconds and your information will be cleared. Touch anywhere to continue.</source>
        <translation>For your privacy, this page will close in {n} seconds and your information will be cleared. Touch anywhere to continue.</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="106"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="107"/>
        <source>Finish now</source>
        <translation>Finish now</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="212"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214"/>
        <source>Offline — your data is kept safely</source>
        <translation>Offline — your data is kept safely</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216"/>
        <source>{n} waiting to send</source>
        <translation>{n} waiting to send</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>Elder mode</source>
        <translation>Elder mode</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../screens/materials.py" line="122"/>
        <source>Photograph it</source>
        <translation>Photograph it</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="123"/>
        <source>Use my e-certificate</source>
        <translation>Use my e-certificate</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="124"/>
        <source>Hand in at the window</source>
        <translation>Hand in at the window</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="125"/>
        <source>Supplement later</source>
        <translation>Supplement later</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="126"/>
        <source>I promise (sign)</source>
        <translation>I promise (sign)</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="127"/>
        <source>Not needed</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="132"/>
        <source>{n} page(s) photographed</source>
        <translation>{n} page(s) photographed</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="136"/>
        <source>Please choose how to provide it</source>
        <translation>Please choose how to provide it</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="137"/>
        <source>Not photographed yet</source>
        <translation>Not photographed yet</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="139"/>
        <source>Fetched from the e-certificate library</source>
        <translation>Fetched from the e-certificate library</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="141"/>
        <source>Bring the paper copy to the service window</source>
        <translation>Bring the paper copy to the service window</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="143"/>
        <source>Hand it in by {date}</source>
        <translation>Hand it in by {date}</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="146"/>
        <source>Replaced by your signed promise</source>
        <translation>Replaced by your signed promise</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="147"/>
        <source>Not provided (optional)</source>
        <translation>Not provided (optional)</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="162"/>
        <source>Photographing: {name}. Lay each page flat under the camera.</source>
        <translation>Photographing: {name}. Lay each page flat under the camera.</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="173"/>
        <source>The camera is not available. Please bring paper copies to the service window; your application is accepted anyway.</source>
        <translation>The camera is not available. Please bring paper copies to the service window; your application is accepted anyway.</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="210"/>
        <source>Retake</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="233"/>
        <source>Materials</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="234"/>
        <source>Take photo now</source>
        <translation>Take photo now</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="235"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="236"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="237"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>The card could not be read. Take it out, wipe it and place it flat again.</source>
        <translation>The card could not be read. Take it out, wipe it and place it flat again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>This card is not supported. Please use your resident ID card or social security card.</source>
        <translation>This card is not supported. Please use your resident ID card or social security card.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>The card was moved during reading. Place it again and keep it still.</source>
        <translation>The card was moved during reading. Place it again and keep it still.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>The card reader is not working right now. Enter your ID number instead, or press Help.</source>
        <translation>The card reader is not working right now. Enter your ID number instead, or press Help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>The card service is starting. Please wait a moment or enter your ID number.</source>
        <translation>The card service is starting. Please wait a moment or enter your ID number.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="47"/>
        <source>No card was found. Place your card on the reader.</source>
        <translation>No card was found. Place your card on the reader.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="50"/>
        <source>The card refused the request. Please ask a staff member.</source>
        <translation>The card refused the request. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="53"/>
        <location filename="../messages.py" line="94"/>
        <source>An ID number has 18 characters: 17 digits and a digit or X.</source>
        <translation>An ID number has 18 characters: 17 digits and a digit or X.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="56"/>
        <location filename="../messages.py" line="97"/>
        <source>This ID number is not valid. Please check each digit.</source>
        <translation>This ID number is not valid. Please check each digit.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="59"/>
        <location filename="../messages.py" line="100"/>
        <source>The first six digits of this ID number are not a known region.</source>
        <translation>The first six digits of this ID number are not a known region.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62"/>
        <location filename="../messages.py" line="103"/>
        <source>The date of birth inside this ID number is not valid.</source>
        <translation>The date of birth inside this ID number is not valid.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="65"/>
        <source>A date on the card could not be read. Please try again.</source>
        <translation>A date on the card could not be read. Please try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="68"/>
        <location filename="../messages.py" line="71"/>
        <source>The card data could not be read. Please try again.</source>
        <translation>The card data could not be read. Please try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>The card data does not fit together. Please ask a staff member.</source>
        <translation>The card data does not fit together. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="77"/>
        <source>The identity could not be confirmed. Please ask a staff member.</source>
        <translation>The identity could not be confirmed. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="81"/>
        <source>Please fill this in.</source>
        <translation>Please fill this in.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="82"/>
        <location filename="../messages.py" line="118"/>
        <source>Please check this answer.</source>
        <translation>Please check this answer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="83"/>
        <source>Please use at most {max} characters.</source>
        <translation>Please use at most {max} characters.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="84"/>
        <source>Please use at least {min} characters.</source>
        <translation>Please use at least {min} characters.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="85"/>
        <source>Please enter a number.</source>
        <translation>Please enter a number.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="86"/>
        <source>The number must be at least {min}.</source>
        <translation>The number must be at least {min}.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>The number must be at most {max}.</source>
        <translation>The number must be at most {max}.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="88"/>
        <source>Please enter a valid date.</source>
        <translation>Please enter a valid date.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="89"/>
        <source>The date must be on or after {min}.</source>
        <translation>The date must be on or after {min}.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="90"/>
        <source>The date must be on or before {max}.</source>
        <translation>The date must be on or before {max}.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="91"/>
        <source>Please choose one of the options.</source>
        <translation>Please choose one of the options.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="92"/>
        <source>An option was chosen twice.</source>
        <translation>An option was chosen twice.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>This ID number is not valid.</source>
        <translation>This ID number is not valid.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>Please enter an 11-digit mobile number or a landline number.</source>
        <translation>Please enter an 11-digit mobile number or a landline number.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="109"/>
        <source>Please complete the address.</source>
        <translation>Please complete the address.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="110"/>
        <source>This part of the address is too long (at most {max} characters).</source>
        <translation>This part of the address is too long (at most {max} characters).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="113"/>
        <source>This file could not be used.</source>
        <translation>This file could not be used.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>At most {max} files.</source>
        <translation>At most {max} files.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="115"/>
        <location filename="../messages.py" line="331"/>
        <source>Please sign again.</source>
        <translation>Please sign again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="116"/>
        <source>Please add at least {min} entries.</source>
        <translation>Please add at least {min} entries.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="117"/>
        <source>At most {max} entries.</source>
        <translation>At most {max} entries.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="119"/>
        <location filename="../messages.py" line="122"/>
        <location filename="../messages.py" line="125"/>
        <location filename="../messages.py" line="128"/>
        <location filename="../messages.py" line="131"/>
        <location filename="../messages.py" line="289"/>
        <source>This form has a problem. Please ask a staff member.</source>
        <translation>This form has a problem. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="135"/>
        <source>Printer ready</source>
        <translation>Printer ready</translation>
    </message>
    <message>
        <location filename="../messages.py" line="136"/>
        <source>Printer paper is running low</source>
        <translation>Printer paper is running low</translation>
    </message>
    <message>
        <location filename="../messages.py" line="137"/>
        <source>The printer is out of paper</source>
        <translation>The printer is out of paper</translation>
    </message>
    <message>
        <location filename="../messages.py" line="138"/>
        <source>The printer is not connected</source>
        <translation>The printer is not connected</translation>
    </message>
    <message>
        <location filename="../messages.py" line="139"/>
        <source>Printer state unknown</source>
        <translation>Printer state unknown</translation>
    </message>
    <message>
        <location filename="../messages.py" line="140"/>
        <source>The printer has a fault</source>
        <translation>The printer has a fault</translation>
    </message>
    <message>
        <location filename="../messages.py" line="141"/>
        <source>The printer is busy</source>
        <translation>The printer is busy</translation>
    </message>
    <message>
        <location filename="../messages.py" line="142"/>
        <source>Camera ready</source>
        <translation>Camera ready</translation>
    </message>
    <message>
        <location filename="../messages.py" line="143"/>
        <source>Camera is off</source>
        <translation>Camera is off</translation>
    </message>
    <message>
        <location filename="../messages.py" line="144"/>
        <source>The camera is not available</source>
        <translation>The camera is not available</translation>
    </message>
    <message>
        <location filename="../messages.py" line="145"/>
        <source>The camera stopped</source>
        <translation>The camera stopped</translation>
    </message>
    <message>
        <location filename="../messages.py" line="146"/>
        <source>The camera has a fault</source>
        <translation>The camera has a fault</translation>
    </message>
    <message>
        <location filename="../messages.py" line="147"/>
        <location filename="../messages.py" line="152"/>
        <source>Card reader ready</source>
        <translation>Card reader ready</translation>
    </message>
    <message>
        <location filename="../messages.py" line="148"/>
        <location filename="../messages.py" line="161"/>
        <source>Card reader not connected</source>
        <translation>Card reader not connected</translation>
    </message>
    <message>
        <location filename="../messages.py" line="149"/>
        <source>Card service not running</source>
        <translation>Card service not running</translation>
    </message>
    <message>
        <location filename="../messages.py" line="150"/>
        <location filename="../messages.py" line="154"/>
        <source>Card reader starting</source>
        <translation>Card reader starting</translation>
    </message>
    <message>
        <location filename="../messages.py" line="151"/>
        <location filename="../messages.py" line="155"/>
        <source>Card reader stopped</source>
        <translation>Card reader stopped</translation>
    </message>
    <message>
        <location filename="../messages.py" line="153"/>
        <source>Reading the card…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <location filename="../messages.py" line="156"/>
        <source>The card reader has a fault</source>
        <translation>The card reader has a fault</translation>
    </message>
    <message>
        <location filename="../messages.py" line="157"/>
        <source>The card reader connection is unstable</source>
        <translation>The card reader connection is unstable</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>No answer from the card reader</source>
        <translation>No answer from the card reader</translation>
    </message>
    <message>
        <location filename="../messages.py" line="164"/>
        <source>Place the page inside the frame</source>
        <translation>Place the page inside the frame</translation>
    </message>
    <message>
        <location filename="../messages.py" line="165"/>
        <source>Move the page closer to the camera</source>
        <translation>Move the page closer to the camera</translation>
    </message>
    <message>
        <location filename="../messages.py" line="166"/>
        <source>Hold still…</source>
        <translation>Hold still…</translation>
    </message>
    <message>
        <location filename="../messages.py" line="167"/>
        <source>Too much reflection: tilt the page</source>
        <translation>Too much reflection: tilt the page</translation>
    </message>
    <message>
        <location filename="../messages.py" line="168"/>
        <source>Good — keep still, taking the photo</source>
        <translation>Good — keep still, taking the photo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="170"/>
        <location filename="../messages.py" line="181"/>
        <source>The receipt could not be printed.</source>
        <translation>The receipt could not be printed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="171"/>
        <source>The printer is out of paper.</source>
        <translation>The printer is out of paper.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="172"/>
        <source>The printer is not connected.</source>
        <translation>The printer is not connected.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="173"/>
        <source>The printer did not answer.</source>
        <translation>The printer did not answer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="174"/>
        <location filename="../messages.py" line="175"/>
        <location filename="../messages.py" line="178"/>
        <source>The printer is not set up correctly.</source>
        <translation>The printer is not set up correctly.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="184"/>
        <source>The camera has a problem.</source>
        <translation>The camera has a problem.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="185"/>
        <source>The camera is not available. You can hand in paper copies at the window.</source>
        <translation>The camera is not available. You can hand in paper copies at the window.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="188"/>
        <source>The camera stopped.</source>
        <translation>The camera stopped.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="189"/>
        <source>No page was found in the picture.</source>
        <translation>No page was found in the picture.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="190"/>
        <source>The photo could not be saved.</source>
        <translation>The photo could not be saved.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="191"/>
        <source>The photo is too large.</source>
        <translation>The photo is too large.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="192"/>
        <source>The photo is missing.</source>
        <translation>The photo is missing.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="193"/>
        <location filename="../messages.py" line="209"/>
        <source>Saving failed. Please ask a staff member for help.</source>
        <translation>Saving failed. Please ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="196"/>
        <source>This kiosk&apos;s storage is full. Please ask a staff member.</source>
        <translation>This kiosk&apos;s storage is full. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="199"/>
        <location filename="../messages.py" line="203"/>
        <location filename="../messages.py" line="206"/>
        <source>This kiosk cannot save right now. Please ask a staff member.</source>
        <translation>This kiosk cannot save right now. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="202"/>
        <source>The kiosk is busy. Please try again.</source>
        <translation>The kiosk is busy. Please try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="213"/>
        <source>This application was already submitted or has expired.</source>
        <translation>This application was already submitted or has expired.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="216"/>
        <source>No application with this number was found.</source>
        <translation>No application with this number was found.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="219"/>
        <source>This case has already been rated here. Thank you!</source>
        <translation>This case has already been rated here. Thank you!</translation>
    </message>
    <message>
        <location filename="../messages.py" line="222"/>
        <source>The rating was not found.</source>
        <translation>The rating was not found.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="223"/>
        <source>The complaint was not found.</source>
        <translation>The complaint was not found.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="224"/>
        <source>This is a different card. Please use the card you started with.</source>
        <translation>This is a different card. Please use the card you started with.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="227"/>
        <source>Please enter the tracking number first.</source>
        <translation>Please enter the tracking number first.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="230"/>
        <source>That is not possible right now.</source>
        <translation>That is not possible right now.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="233"/>
        <source>Please enter a valid staff number.</source>
        <translation>Please enter a valid staff number.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="234"/>
        <location filename="../messages.py" line="237"/>
        <source>This service is no longer offered here.</source>
        <translation>This service is no longer offered here.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="240"/>
        <location filename="../messages.py" line="243"/>
        <location filename="../messages.py" line="246"/>
        <source>The service list is not available. Please ask a staff member.</source>
        <translation>The service list is not available. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="249"/>
        <location filename="../messages.py" line="252"/>
        <location filename="../messages.py" line="255"/>
        <location filename="../messages.py" line="256"/>
        <source>The receipt could not be prepared.</source>
        <translation>The receipt could not be prepared.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="259"/>
        <location filename="../messages.py" line="260"/>
        <source>The ticket could not be printed.</source>
        <translation>The ticket could not be printed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="261"/>
        <location filename="../messages.py" line="262"/>
        <location filename="../messages.py" line="265"/>
        <location filename="../messages.py" line="268"/>
        <location filename="../messages.py" line="332"/>
        <source>The service centre cannot be reached.</source>
        <translation>The service centre cannot be reached.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="271"/>
        <source>This kiosk is not registered. Please ask a staff member.</source>
        <translation>This kiosk is not registered. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="274"/>
        <location filename="../messages.py" line="277"/>
        <location filename="../messages.py" line="278"/>
        <location filename="../messages.py" line="281"/>
        <source>The service centre refused the data.</source>
        <translation>The service centre refused the data.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="284"/>
        <location filename="../messages.py" line="285"/>
        <source>Something went wrong.</source>
        <translation>Something went wrong.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="286"/>
        <source>This kiosk is not set up correctly. Please ask a staff member.</source>
        <translation>This kiosk is not set up correctly. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="292"/>
        <location filename="../messages.py" line="318"/>
        <source>Please check your answers.</source>
        <translation>Please check your answers.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="293"/>
        <source>Nothing was found.</source>
        <translation>Nothing was found.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="294"/>
        <source>A device is not working. Please ask a staff member.</source>
        <translation>A device is not working. Please ask a staff member.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="298"/>
        <location filename="../messages.py" line="339"/>
        <source>To be called back, please give your name (not anonymous).</source>
        <translation>To be called back, please give your name (not anonymous).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="301"/>
        <source>Please describe the problem.</source>
        <translation>Please describe the problem.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="302"/>
        <location filename="../messages.py" line="333"/>
        <location filename="../messages.py" line="348"/>
        <location filename="../messages.py" line="371"/>
        <source>This number is not complete or has a typing mistake. Please check it.</source>
        <translation>This number is not complete or has a typing mistake. Please check it.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="305"/>
        <location filename="../messages.py" line="325"/>
        <source>The photo could not be used.</source>
        <translation>The photo could not be used.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="306"/>
        <location filename="../messages.py" line="336"/>
        <source>The text is too long. Please shorten it.</source>
        <translation>The text is too long. Please shorten it.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="309"/>
        <source>Please enter the address for mail delivery.</source>
        <translation>Please enter the address for mail delivery.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="312"/>
        <source>This way of delivery is not offered for this matter.</source>
        <translation>This way of delivery is not offered for this matter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="315"/>
        <source>Please choose how you receive the result.</source>
        <translation>Please choose how you receive the result.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="319"/>
        <source>This form has changed. Please start again.</source>
        <translation>This form has changed. Please start again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="322"/>
        <source>This way of providing the material is not possible here.</source>
        <translation>This way of providing the material is not possible here.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="328"/>
        <source>This material is not part of the matter.</source>
        <translation>This material is not part of the matter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="342"/>
        <location filename="../messages.py" line="345"/>
        <location filename="../messages.py" line="352"/>
        <location filename="../messages.py" line="355"/>
        <location filename="../messages.py" line="358"/>
        <location filename="../messages.py" line="361"/>
        <source>The rating could not be saved. Please try again.</source>
        <translation>The rating could not be saved. Please try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="351"/>
        <source>Please choose one of the five levels.</source>
        <translation>Please choose one of the five levels.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="364"/>
        <location filename="../messages.py" line="367"/>
        <source>The receipt was not found. Please ask at the window.</source>
        <translation>The receipt was not found. Please ask at the window.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="374"/>
        <source>Something went wrong. Please try again or press Help.</source>
        <translation>Something went wrong. Please try again or press Help.</translation>
    </message>
</context>
<context>
    <name>NumericKeypadWidget</name>
    <message>
        <location filename="../widgets/keypad.py" line="51"/>
        <source>⌫ Delete</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="51"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="58"/>
        <source>Delete the last character</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="60"/>
        <source>Clear the whole entry</source>
        <translation>Clear the whole entry</translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <location filename="../screens/choose.py" line="144"/>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="145"/>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="146"/>
        <source>Page {n}/{total}</source>
        <translation>Page {n}/{total}</translation>
    </message>
</context>
<context>
    <name>PausedOverlay</name>
    <message>
        <location filename="../overlays.py" line="131"/>
        <source>Your card was removed</source>
        <translation>Your card was removed</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="134"/>
        <source>Do you want to continue? If you are finished, press Finish and your information will be cleared.</source>
        <translation>Do you want to continue? If you are finished, press Finish and your information will be cleared.</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="138"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="139"/>
        <source>Finish and clear</source>
        <translation>Finish and clear</translation>
    </message>
</context>
<context>
    <name>PinOverlay</name>
    <message>
        <location filename="../overlays.py" line="260"/>
        <source>Wrong PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="275"/>
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="276"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="277"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Presenters</name>
    <message>
        <location filename="../controllers/presenters.py" line="139"/>
        <source>(not filled in)</source>
        <translation>(not filled in)</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../screens/progress.py" line="194"/>
        <source>Scan the QR code on my receipt</source>
        <translation>Scan the QR code on my receipt</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="195"/>
        <source>Type the number instead</source>
        <translation>Type the number instead</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="152"/>
        <source>Hold the QR code on your receipt in front of the camera.</source>
        <translation>Hold the QR code on your receipt in front of the camera.</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="171"/>
        <source>This is not the QR code of a receipt. Please try another one.</source>
        <translation>This is not the QR code of a receipt. Please try another one.</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="117"/>
        <location filename="../screens/progress.py" line="118"/>
        <source>Received at the kiosk</source>
        <translation>Received at the kiosk</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="119"/>
        <location filename="../screens/progress.py" line="120"/>
        <source>Waiting to be sent to the department</source>
        <translation>Waiting to be sent to the department</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="121"/>
        <location filename="../screens/progress.py" line="122"/>
        <source>Sent to the department</source>
        <translation>Sent to the department</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="123"/>
        <source>Accepted by the department</source>
        <translation>Accepted by the department</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="124"/>
        <source>Being processed</source>
        <translation>Being processed</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="125"/>
        <source>Materials need to be supplemented</source>
        <translation>Materials need to be supplemented</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="126"/>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="127"/>
        <source>Result ready for pickup</source>
        <translation>Result ready for pickup</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="128"/>
        <source>Result sent by mail</source>
        <translation>Result sent by mail</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="129"/>
        <source>Not approved: please contact the window</source>
        <translation>Not approved: please contact the window</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="131"/>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="150"/>
        <source>Place your ID card on the reader.</source>
        <translation>Place your ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="155"/>
        <source>Enter the digits of the number on your receipt (after {station}).</source>
        <translation>Enter the digits of the number on your receipt (after {station}).</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="161"/>
        <source>Status as last reported to this kiosk.</source>
        <translation>Status as last reported to this kiosk.</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="163"/>
        <source>No applications found.</source>
        <translation>No applications found.</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="166"/>
        <source>Please check the number on your receipt and search again, or ask at the service window.</source>
        <translation>Please check the number on your receipt and search again, or ask at the service window.</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="191"/>
        <source>Check progress</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="192"/>
        <source>Tracking number</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="193"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="196"/>
        <source>Use my ID card instead</source>
        <translation>Use my ID card instead</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="197"/>
        <source>Back to home</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="198"/>
        <source>Search again</source>
        <translation>Search again</translation>
    </message>
</context>
<context>
    <name>QrCodeWidget</name>
    <message>
        <location filename="../widgets/qr_view.py" line="37"/>
        <source>QR code of %1</source>
        <translation>QR code of %1</translation>
    </message>
</context>
<context>
    <name>RateScreen</name>
    <message>
        <location filename="../screens/rate.py" line="145"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="145"/>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="148"/>
        <source>Enter the tracking number on your receipt.</source>
        <translation>Enter the tracking number on your receipt.</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="154"/>
        <source>Rate this service</source>
        <translation>Rate this service</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="155"/>
        <source>Tracking number</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="156"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="157"/>
        <source>Thank you for your rating!</source>
        <translation>Thank you for your rating!</translation>
    </message>
</context>
<context>
    <name>RatingWidget</name>
    <message>
        <location filename="../widgets/rating_widget.py" line="120"/>
        <source>How satisfied are you with this service?</source>
        <translation>How satisfied are you with this service?</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="150"/>
        <source>Score each part: 5 is very good, 1 is very poor (optional)</source>
        <translation>Score each part: 5 is very good, 1 is very poor (optional)</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="172"/>
        <source>What went wrong? (optional, choose any)</source>
        <translation>What went wrong? (optional, choose any)</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="183"/>
        <source>Rate anonymously</source>
        <translation>Rate anonymously</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="191"/>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="193"/>
        <source>Submit rating</source>
        <translation>Submit rating</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../screens/review.py" line="61"/>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="67"/>
        <source>{label}: {value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="74"/>
        <source>{n} answers need attention. Tap Edit to correct them.</source>
        <translation>{n} answers need attention. Tap Edit to correct them.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="79"/>
        <source>Please sign first.</source>
        <translation>Please sign first.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="84"/>
        <source>{n} materials are still open: they will be handed in at the window.</source>
        <translation>{n} materials are still open: they will be handed in at the window.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="88"/>
        <source>Everything is ready.</source>
        <translation>Everything is ready.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="92"/>
        <source>Submit application</source>
        <translation>Submit application</translation>
    </message>
</context>
<context>
    <name>SignaturePadWidget</name>
    <message>
        <location filename="../widgets/signature_pad.py" line="65"/>
        <source>Signature area: sign here with your finger</source>
        <translation>Signature area: sign here with your finger</translation>
    </message>
</context>
<context>
    <name>SignatureScreen</name>
    <message>
        <location filename="../screens/signature.py" line="63"/>
        <source>Please sign</source>
        <translation>Please sign</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="65"/>
        <source>Sign with your finger in the box. Your signature confirms your application.</source>
        <translation>Sign with your finger in the box. Your signature confirms your application.</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="67"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="68"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="69"/>
        <source>Confirm signature</source>
        <translation>Confirm signature</translation>
    </message>
</context>
</TS>
