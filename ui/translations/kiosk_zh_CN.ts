<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../widgets/rating_widget.py" line="52"/>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="53"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="54"/>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="55"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="56"/>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
</context>
<context>
    <name>ChooseScreen</name>
    <message>
        <location filename="../screens/choose.py" line="248"/>
        <source>Life events (one-stop)</source>
        <translation>一件事（一次办）</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="276"/>
        <source>Popular services</source>
        <translation>热门事项</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="277"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="278"/>
        <source>Services in this category</source>
        <translation>本类事项</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="279"/>
        <source>Life events: several matters in one go</source>
        <translation>一件事：多个事项一次办</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="298"/>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="300"/>
        <source>One-stop</source>
        <translation>一件事</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="308"/>
        <source>Nothing found. Try fewer words, pinyin initials (e.g. jzz), or press Help.</source>
        <translation>没有找到。请少输几个字，或用拼音首字母（如 jzz），也可以按“帮办”。</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="314"/>
        <source>Choose a service</source>
        <translation>选择办理事项</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="315"/>
        <source>Search: Chinese, pinyin or initials</source>
        <translation>搜索：汉字、拼音或首字母</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="316"/>
        <source>Or pick a category below.</source>
        <translation>或在下面选择分类。</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="317"/>
        <source>Back to home</source>
        <translation>返回首页</translation>
    </message>
</context>
<context>
    <name>ConsentOverlay</name>
    <message>
        <location filename="../overlays.py" line="210"/>
        <source>Save and continue later?</source>
        <translation>保存，下次继续？</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="213"/>
        <source>Your answers will be kept on this kiosk for up to {days} days so you can continue later with your ID card. Nobody else can open them. After that they are deleted.</source>
        <translation>您填写的内容将在本机保存最多 {days} 天，下次刷身份证即可继续办理，其他人无法打开。到期后自动删除。</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="218"/>
        <source>I agree that my answers are kept</source>
        <translation>我同意保存我填写的内容</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="219"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="220"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>DateEntry</name>
    <message>
        <location filename="../widgets/date_entry.py" line="160"/>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../widgets/date_entry.py" line="160"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../widgets/date_entry.py" line="160"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../screens/done.py" line="99"/>
        <source>Printing your receipt…</source>
        <translation>正在打印回执……</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="103"/>
        <source>Your receipt has been printed. Please take it.</source>
        <translation>回执已打印，请取走。</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="112"/>
        <source>Your application is saved all the same. Please note or photograph the number above; you can re-print the receipt here or at the window.</source>
        <translation>您的申请已经保存成功。请记下或拍下上面的编号，可以在这里或窗口补打回执。</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="120"/>
        <source>Staff will finish your matter today.</source>
        <translation>工作人员将在今天为您办结。</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="123"/>
        <source>We will process it within {n} working days.</source>
        <translation>我们将在 {n} 个工作日内办理。</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="129"/>
        <source>Bring the missing materials to the window by {date}.</source>
        <translation>请在 {date} 前到窗口补交材料。</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="133"/>
        <source>Check progress here or with hotline 12345 using this number.</source>
        <translation>凭此编号可在本机或拨打 12345 查询进度。</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="137"/>
        <source>Application submitted</source>
        <translation>申请已提交</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="138"/>
        <source>Your tracking number</source>
        <translation>您的受理编号</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="139"/>
        <source>Photograph the code with your phone to keep the number.</source>
        <translation>用手机拍下二维码，保存受理编号。</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="140"/>
        <source>Print the receipt again</source>
        <translation>重新打印回执</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="141"/>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="142"/>
        <source>Another matter</source>
        <translation>再办一件</translation>
    </message>
    <message>
        <location filename="../screens/done.py" line="143"/>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../screens/form.py" line="244"/>
        <source>Signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="246"/>
        <source>You will sign with your finger after the materials step.</source>
        <translation>提交材料后，请用手指签名。</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="269"/>
        <source>From your card</source>
        <translation>读自证件</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="271"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="272"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="275"/>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="276"/>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="277"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="278"/>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="279"/>
        <source>Detailed address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="288"/>
        <source>Photos are taken in the materials step.</source>
        <translation>照片在“材料”步骤拍摄。</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../screens/form.py" line="400"/>
        <source>Entry {n}</source>
        <translation>第 {n} 项</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="401"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="407"/>
        <source>Add an entry</source>
        <translation>增加一项</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="451"/>
        <source>Step {n} of {total} · screen {i} of {m}</source>
        <translation>第 {n} 步，共 {total} 步 · 第 {i}/{m} 屏</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="456"/>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="464"/>
        <source>Please correct the {n} marked answers.</source>
        <translation>请修改标出的 {n} 处内容。</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="472"/>
        <source>Saved for later</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="472"/>
        <location filename="../screens/form.py" line="478"/>
        <source>Save for later</source>
        <translation>保存下次办</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="476"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../screens/form.py" line="477"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../screens/guide.py" line="87"/>
        <source>Done on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="90"/>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="92"/>
        <location filename="../screens/guide.py" line="113"/>
        <source>Fee: {amount} yuan</source>
        <translation>收费：{amount} 元</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="98"/>
        <source>At a glance</source>
        <translation>办理须知</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="101"/>
        <source>Department: {name}</source>
        <translation>办理部门：{name}</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="104"/>
        <source>Time limit: finished on the spot</source>
        <translation>办理时限：当场办结</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="107"/>
        <source>Time limit: {n} working days</source>
        <translation>办理时限：{n} 个工作日</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="111"/>
        <source>Fee: free of charge</source>
        <translation>收费标准：免费</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="117"/>
        <source>Visits to a service window: {n}</source>
        <translation>到现场次数：{n} 次</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="122"/>
        <source>Result delivery: {options}</source>
        <translation>结果领取：{options}</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="128"/>
        <source>This one-stop service includes</source>
        <translation>本“一件事”包括</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="132"/>
        <source>Who can apply</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="135"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="149"/>
        <source>Materials marked &apos;supplement later&apos; may be handed in within {n} days.</source>
        <translation>标为“容缺后补”的材料可在 {n} 天内补交。</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="158"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="159"/>
        <source>Start</source>
        <translation>开始办理</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../overlays.py" line="161"/>
        <source>A staff member is on the way</source>
        <translation>工作人员马上就到</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="164"/>
        <source>We have called a community worker to help you. Please stay at the kiosk. You can keep using the screen while you wait.</source>
        <translation>已为您呼叫社区帮办人员，请在本机旁稍候。等待期间可以继续操作。</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="168"/>
        <source>OK</source>
        <translation>好的</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home.py" line="198"/>
        <source>Insert your ID card to start</source>
        <translation>请插入身份证开始办理</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="201"/>
        <source>Welcome! What would you like to do?</source>
        <translation>您好！请问您要办理什么？</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="202"/>
        <source>Place your ID card on the reader at any time to start.</source>
        <translation>随时把身份证放到读卡区即可开始。</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="203"/>
        <source>Handle a matter</source>
        <translation>办事</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="204"/>
        <source>Life events (one-stop)</source>
        <translation>一件事（一次办）</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="205"/>
        <source>Check progress</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="206"/>
        <source>Rate a service</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="207"/>
        <source>Call for help</source>
        <translation>帮办（呼叫工作人员）</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../screens/identify.py" line="221"/>
        <source>Reading your card… please keep it still.</source>
        <translation>正在读卡……请不要移动证件。</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="223"/>
        <source>The card reader is not available.</source>
        <translation>读卡器暂时不可用。</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="226"/>
        <source>Place your ID card or social security card flat on the reader below.</source>
        <translation>请把身份证或社保卡平放在下方读卡区。</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="271"/>
        <source>Please identify yourself</source>
        <translation>请验证身份</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="272"/>
        <source>No card? Enter your ID number</source>
        <translation>没带证件？输入身份证号</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="273"/>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="274"/>
        <source>Enter the 18-character number on your ID card.</source>
        <translation>请输入身份证上的 18 位号码。</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="275"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="276"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="277"/>
        <source>Please take your card</source>
        <translation>请取走身份证</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="279"/>
        <source>Your card has been read. Take it with you, then we continue.</source>
        <translation>证件已读取，请收好证件，然后继续。</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="281"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../screens/identify.py" line="282"/>
        <source>Back to home</source>
        <translation>返回首页</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../overlays.py" line="99"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="102"/>
        <source>For your privacy, this page will close in {n} seconds and your information will be cleared. Touch anywhere to continue.</source>
        <translation>为保护您的隐私，本页将在 {n} 秒后关闭并清除您的信息。触摸屏幕任意位置可继续。</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="106"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="107"/>
        <source>Finish now</source>
        <translation>现在结束</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="212"/>
        <source>Online</source>
        <translation>网络正常</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214"/>
        <source>Offline — your data is kept safely</source>
        <translation>网络断开——您的数据已安全保存</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216"/>
        <source>{n} waiting to send</source>
        <translation>{n} 件待发送</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>Elder mode</source>
        <translation>长辈模式</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../screens/materials.py" line="122"/>
        <source>Photograph it</source>
        <translation>拍照上传</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="123"/>
        <source>Use my e-certificate</source>
        <translation>调取电子证照</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="124"/>
        <source>Hand in at the window</source>
        <translation>窗口提交</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="125"/>
        <source>Supplement later</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="126"/>
        <source>I promise (sign)</source>
        <translation>告知承诺（签名）</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="127"/>
        <source>Not needed</source>
        <translation>不提供</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="132"/>
        <source>{n} page(s) photographed</source>
        <translation>已拍 {n} 页</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="136"/>
        <source>Please choose how to provide it</source>
        <translation>请选择提交方式</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="137"/>
        <source>Not photographed yet</source>
        <translation>还没有拍照</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="139"/>
        <source>Fetched from the e-certificate library</source>
        <translation>已从电子证照库调取</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="141"/>
        <source>Bring the paper copy to the service window</source>
        <translation>请到窗口提交纸质材料</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="143"/>
        <source>Hand it in by {date}</source>
        <translation>请在 {date} 前补交</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="146"/>
        <source>Replaced by your signed promise</source>
        <translation>以签字承诺代替</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="147"/>
        <source>Not provided (optional)</source>
        <translation>不提供（非必要）</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="162"/>
        <source>Photographing: {name}. Lay each page flat under the camera.</source>
        <translation>正在拍摄：{name}。请把每一页平放在镜头下方。</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="173"/>
        <source>The camera is not available. Please bring paper copies to the service window; your application is accepted anyway.</source>
        <translation>摄像头暂时不可用。请到窗口提交纸质材料，您的申请照常受理。</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="210"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="233"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="234"/>
        <source>Take photo now</source>
        <translation>立即拍照</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="235"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="236"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../screens/materials.py" line="237"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>The card could not be read. Take it out, wipe it and place it flat again.</source>
        <translation>证件读取失败。请取出擦拭后重新平放。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>This card is not supported. Please use your resident ID card or social security card.</source>
        <translation>不支持此卡。请使用居民身份证或社保卡。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>The card was moved during reading. Place it again and keep it still.</source>
        <translation>读卡时证件被移动了。请重新放好，不要移动。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>The card reader is not working right now. Enter your ID number instead, or press Help.</source>
        <translation>读卡器暂时无法使用。请输入身份证号，或按“帮办”。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>The card service is starting. Please wait a moment or enter your ID number.</source>
        <translation>读卡服务正在启动，请稍候或输入身份证号。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="47"/>
        <source>No card was found. Place your card on the reader.</source>
        <translation>没有检测到证件。请把证件放到读卡区。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="50"/>
        <source>The card refused the request. Please ask a staff member.</source>
        <translation>证件拒绝读取，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="53"/>
        <location filename="../messages.py" line="94"/>
        <source>An ID number has 18 characters: 17 digits and a digit or X.</source>
        <translation>身份证号共 18 位：17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="56"/>
        <location filename="../messages.py" line="97"/>
        <source>This ID number is not valid. Please check each digit.</source>
        <translation>身份证号有误，请逐位核对。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="59"/>
        <location filename="../messages.py" line="100"/>
        <source>The first six digits of this ID number are not a known region.</source>
        <translation>身份证号前 6 位不是有效的地区代码。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62"/>
        <location filename="../messages.py" line="103"/>
        <source>The date of birth inside this ID number is not valid.</source>
        <translation>身份证号中的出生日期无效。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="65"/>
        <source>A date on the card could not be read. Please try again.</source>
        <translation>证件上的日期无法读取，请重试。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="68"/>
        <location filename="../messages.py" line="71"/>
        <source>The card data could not be read. Please try again.</source>
        <translation>证件信息无法读取，请重试。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>The card data does not fit together. Please ask a staff member.</source>
        <translation>证件信息不一致，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="77"/>
        <source>The identity could not be confirmed. Please ask a staff member.</source>
        <translation>无法确认身份，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="81"/>
        <source>Please fill this in.</source>
        <translation>请填写此项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="82"/>
        <location filename="../messages.py" line="118"/>
        <source>Please check this answer.</source>
        <translation>请检查此项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="83"/>
        <source>Please use at most {max} characters.</source>
        <translation>最多 {max} 个字。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="84"/>
        <source>Please use at least {min} characters.</source>
        <translation>至少 {min} 个字。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="85"/>
        <source>Please enter a number.</source>
        <translation>请输入数字。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="86"/>
        <source>The number must be at least {min}.</source>
        <translation>数字不能小于 {min}。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>The number must be at most {max}.</source>
        <translation>数字不能大于 {max}。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="88"/>
        <source>Please enter a valid date.</source>
        <translation>请填写有效日期。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="89"/>
        <source>The date must be on or after {min}.</source>
        <translation>日期不能早于 {min}。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="90"/>
        <source>The date must be on or before {max}.</source>
        <translation>日期不能晚于 {max}。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="91"/>
        <source>Please choose one of the options.</source>
        <translation>请从选项中选择。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="92"/>
        <source>An option was chosen twice.</source>
        <translation>有选项重复。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>This ID number is not valid.</source>
        <translation>身份证号无效。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>Please enter an 11-digit mobile number or a landline number.</source>
        <translation>请输入 11 位手机号或固定电话。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="109"/>
        <source>Please complete the address.</source>
        <translation>请填写完整地址。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="110"/>
        <source>This part of the address is too long (at most {max} characters).</source>
        <translation>地址这一部分太长（最多 {max} 个字）。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="113"/>
        <source>This file could not be used.</source>
        <translation>此文件无法使用。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>At most {max} files.</source>
        <translation>最多 {max} 个文件。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="115"/>
        <location filename="../messages.py" line="331"/>
        <source>Please sign again.</source>
        <translation>请重新签名。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="116"/>
        <source>Please add at least {min} entries.</source>
        <translation>请至少添加 {min} 项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="117"/>
        <source>At most {max} entries.</source>
        <translation>最多 {max} 项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="119"/>
        <location filename="../messages.py" line="122"/>
        <location filename="../messages.py" line="125"/>
        <location filename="../messages.py" line="128"/>
        <location filename="../messages.py" line="131"/>
        <location filename="../messages.py" line="289"/>
        <source>This form has a problem. Please ask a staff member.</source>
        <translation>表单有问题，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="135"/>
        <source>Printer ready</source>
        <translation>打印机正常</translation>
    </message>
    <message>
        <location filename="../messages.py" line="136"/>
        <source>Printer paper is running low</source>
        <translation>打印纸即将用完</translation>
    </message>
    <message>
        <location filename="../messages.py" line="137"/>
        <source>The printer is out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <location filename="../messages.py" line="138"/>
        <source>The printer is not connected</source>
        <translation>打印机未连接</translation>
    </message>
    <message>
        <location filename="../messages.py" line="139"/>
        <source>Printer state unknown</source>
        <translation>打印机状态未知</translation>
    </message>
    <message>
        <location filename="../messages.py" line="140"/>
        <source>The printer has a fault</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <location filename="../messages.py" line="141"/>
        <source>The printer is busy</source>
        <translation>打印机忙</translation>
    </message>
    <message>
        <location filename="../messages.py" line="142"/>
        <source>Camera ready</source>
        <translation>摄像头正常</translation>
    </message>
    <message>
        <location filename="../messages.py" line="143"/>
        <source>Camera is off</source>
        <translation>摄像头已关闭</translation>
    </message>
    <message>
        <location filename="../messages.py" line="144"/>
        <source>The camera is not available</source>
        <translation>摄像头不可用</translation>
    </message>
    <message>
        <location filename="../messages.py" line="145"/>
        <source>The camera stopped</source>
        <translation>摄像头已停止</translation>
    </message>
    <message>
        <location filename="../messages.py" line="146"/>
        <source>The camera has a fault</source>
        <translation>摄像头故障</translation>
    </message>
    <message>
        <location filename="../messages.py" line="147"/>
        <location filename="../messages.py" line="152"/>
        <source>Card reader ready</source>
        <translation>读卡器正常</translation>
    </message>
    <message>
        <location filename="../messages.py" line="148"/>
        <location filename="../messages.py" line="161"/>
        <source>Card reader not connected</source>
        <translation>读卡器未连接</translation>
    </message>
    <message>
        <location filename="../messages.py" line="149"/>
        <source>Card service not running</source>
        <translation>读卡服务未运行</translation>
    </message>
    <message>
        <location filename="../messages.py" line="150"/>
        <location filename="../messages.py" line="154"/>
        <source>Card reader starting</source>
        <translation>读卡器正在启动</translation>
    </message>
    <message>
        <location filename="../messages.py" line="151"/>
        <location filename="../messages.py" line="155"/>
        <source>Card reader stopped</source>
        <translation>读卡器已停止</translation>
    </message>
    <message>
        <location filename="../messages.py" line="153"/>
        <source>Reading the card…</source>
        <translation>正在读卡……</translation>
    </message>
    <message>
        <location filename="../messages.py" line="156"/>
        <source>The card reader has a fault</source>
        <translation>读卡器故障</translation>
    </message>
    <message>
        <location filename="../messages.py" line="157"/>
        <source>The card reader connection is unstable</source>
        <translation>读卡器连接不稳定</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>No answer from the card reader</source>
        <translation>读卡器无响应</translation>
    </message>
    <message>
        <location filename="../messages.py" line="164"/>
        <source>Place the page inside the frame</source>
        <translation>请把材料放在取景框内</translation>
    </message>
    <message>
        <location filename="../messages.py" line="165"/>
        <source>Move the page closer to the camera</source>
        <translation>请把材料靠近摄像头</translation>
    </message>
    <message>
        <location filename="../messages.py" line="166"/>
        <source>Hold still…</source>
        <translation>请保持不动……</translation>
    </message>
    <message>
        <location filename="../messages.py" line="167"/>
        <source>Too much reflection: tilt the page</source>
        <translation>反光太强，请稍微倾斜材料</translation>
    </message>
    <message>
        <location filename="../messages.py" line="168"/>
        <source>Good — keep still, taking the photo</source>
        <translation>很好，请保持不动，正在拍照</translation>
    </message>
    <message>
        <location filename="../messages.py" line="170"/>
        <location filename="../messages.py" line="181"/>
        <source>The receipt could not be printed.</source>
        <translation>回执无法打印。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="171"/>
        <source>The printer is out of paper.</source>
        <translation>打印机缺纸。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="172"/>
        <source>The printer is not connected.</source>
        <translation>打印机未连接。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="173"/>
        <source>The printer did not answer.</source>
        <translation>打印机无响应。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="174"/>
        <location filename="../messages.py" line="175"/>
        <location filename="../messages.py" line="178"/>
        <source>The printer is not set up correctly.</source>
        <translation>打印机设置有误。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="184"/>
        <source>The camera has a problem.</source>
        <translation>摄像头有问题。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="185"/>
        <source>The camera is not available. You can hand in paper copies at the window.</source>
        <translation>摄像头不可用，您可以到窗口提交纸质材料。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="188"/>
        <source>The camera stopped.</source>
        <translation>摄像头已停止。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="189"/>
        <source>No page was found in the picture.</source>
        <translation>画面中没有找到材料。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="190"/>
        <source>The photo could not be saved.</source>
        <translation>照片无法保存。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="191"/>
        <source>The photo is too large.</source>
        <translation>照片太大。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="192"/>
        <source>The photo is missing.</source>
        <translation>照片丢失。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="193"/>
        <location filename="../messages.py" line="209"/>
        <source>Saving failed. Please ask a staff member for help.</source>
        <translation>保存失败，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="196"/>
        <source>This kiosk&apos;s storage is full. Please ask a staff member.</source>
        <translation>本机存储已满，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="199"/>
        <location filename="../messages.py" line="203"/>
        <location filename="../messages.py" line="206"/>
        <source>This kiosk cannot save right now. Please ask a staff member.</source>
        <translation>本机暂时无法保存，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="202"/>
        <source>The kiosk is busy. Please try again.</source>
        <translation>本机正忙，请重试。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="213"/>
        <source>This application was already submitted or has expired.</source>
        <translation>此申请已提交或已过期。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="216"/>
        <source>No application with this number was found.</source>
        <translation>没有找到此编号的申请。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="219"/>
        <source>This case has already been rated here. Thank you!</source>
        <translation>此件已评价过，谢谢！</translation>
    </message>
    <message>
        <location filename="../messages.py" line="222"/>
        <source>The rating was not found.</source>
        <translation>没有找到此评价。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="223"/>
        <source>The complaint was not found.</source>
        <translation>没有找到此投诉。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="224"/>
        <source>This is a different card. Please use the card you started with.</source>
        <translation>这不是开始时使用的证件，请使用原来的证件。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="227"/>
        <source>Please enter the tracking number first.</source>
        <translation>请先输入受理编号。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="230"/>
        <source>That is not possible right now.</source>
        <translation>现在无法进行此操作。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="233"/>
        <source>Please enter a valid staff number.</source>
        <translation>请输入有效的工号。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="234"/>
        <location filename="../messages.py" line="237"/>
        <source>This service is no longer offered here.</source>
        <translation>本机已不再提供此事项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="240"/>
        <location filename="../messages.py" line="243"/>
        <location filename="../messages.py" line="246"/>
        <source>The service list is not available. Please ask a staff member.</source>
        <translation>事项目录暂不可用，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="249"/>
        <location filename="../messages.py" line="252"/>
        <location filename="../messages.py" line="255"/>
        <location filename="../messages.py" line="256"/>
        <source>The receipt could not be prepared.</source>
        <translation>回执无法生成。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="259"/>
        <location filename="../messages.py" line="260"/>
        <source>The ticket could not be printed.</source>
        <translation>排队号无法打印。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="261"/>
        <location filename="../messages.py" line="262"/>
        <location filename="../messages.py" line="265"/>
        <location filename="../messages.py" line="268"/>
        <location filename="../messages.py" line="332"/>
        <source>The service centre cannot be reached.</source>
        <translation>无法连接政务服务中心。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="271"/>
        <source>This kiosk is not registered. Please ask a staff member.</source>
        <translation>本机尚未登记，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="274"/>
        <location filename="../messages.py" line="277"/>
        <location filename="../messages.py" line="278"/>
        <location filename="../messages.py" line="281"/>
        <source>The service centre refused the data.</source>
        <translation>政务服务中心拒收了数据。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="284"/>
        <location filename="../messages.py" line="285"/>
        <source>Something went wrong.</source>
        <translation>出了点问题。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="286"/>
        <source>This kiosk is not set up correctly. Please ask a staff member.</source>
        <translation>本机设置有误，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="292"/>
        <location filename="../messages.py" line="318"/>
        <source>Please check your answers.</source>
        <translation>请检查填写内容。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="293"/>
        <source>Nothing was found.</source>
        <translation>没有找到。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="294"/>
        <source>A device is not working. Please ask a staff member.</source>
        <translation>设备故障，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="298"/>
        <location filename="../messages.py" line="339"/>
        <source>To be called back, please give your name (not anonymous).</source>
        <translation>如需回访，请留下姓名（不匿名）。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="301"/>
        <source>Please describe the problem.</source>
        <translation>请描述遇到的问题。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="302"/>
        <location filename="../messages.py" line="333"/>
        <location filename="../messages.py" line="348"/>
        <location filename="../messages.py" line="371"/>
        <source>This number is not complete or has a typing mistake. Please check it.</source>
        <translation>编号不完整或有输入错误，请核对。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="305"/>
        <location filename="../messages.py" line="325"/>
        <source>The photo could not be used.</source>
        <translation>照片无法使用。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="306"/>
        <location filename="../messages.py" line="336"/>
        <source>The text is too long. Please shorten it.</source>
        <translation>内容太长，请精简。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="309"/>
        <source>Please enter the address for mail delivery.</source>
        <translation>请填写邮寄地址。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="312"/>
        <source>This way of delivery is not offered for this matter.</source>
        <translation>本事项不提供这种领取方式。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="315"/>
        <source>Please choose how you receive the result.</source>
        <translation>请选择结果领取方式。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="319"/>
        <source>This form has changed. Please start again.</source>
        <translation>表单已更新，请重新开始。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="322"/>
        <source>This way of providing the material is not possible here.</source>
        <translation>此材料不能用这种方式提交。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="328"/>
        <source>This material is not part of the matter.</source>
        <translation>此材料不属于本事项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="342"/>
        <location filename="../messages.py" line="345"/>
        <location filename="../messages.py" line="352"/>
        <location filename="../messages.py" line="355"/>
        <location filename="../messages.py" line="358"/>
        <location filename="../messages.py" line="361"/>
        <source>The rating could not be saved. Please try again.</source>
        <translation>评价未能保存，请重试。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="351"/>
        <source>Please choose one of the five levels.</source>
        <translation>请在五个等级中选择一个。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="364"/>
        <location filename="../messages.py" line="367"/>
        <source>The receipt was not found. Please ask at the window.</source>
        <translation>没有找到回执，请到窗口咨询。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="374"/>
        <source>Something went wrong. Please try again or press Help.</source>
        <translation>出了点问题，请重试或按“帮办”。</translation>
    </message>
</context>
<context>
    <name>NumericKeypadWidget</name>
    <message>
        <location filename="../widgets/keypad.py" line="51"/>
        <source>⌫ Delete</source>
        <translation>⌫ 删除</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="51"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="58"/>
        <source>Delete the last character</source>
        <translation>删除最后一个字符</translation>
    </message>
    <message>
        <location filename="../widgets/keypad.py" line="60"/>
        <source>Clear the whole entry</source>
        <translation>清空全部输入</translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <location filename="../screens/choose.py" line="144"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="145"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../screens/choose.py" line="146"/>
        <source>Page {n}/{total}</source>
        <translation>第 {n}/{total} 页</translation>
    </message>
</context>
<context>
    <name>PausedOverlay</name>
    <message>
        <location filename="../overlays.py" line="131"/>
        <source>Your card was removed</source>
        <translation>您的证件已取出</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="134"/>
        <source>Do you want to continue? If you are finished, press Finish and your information will be cleared.</source>
        <translation>要继续办理吗？如果已经办完，请按“结束并清除”，您的信息将被清除。</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="138"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="139"/>
        <source>Finish and clear</source>
        <translation>结束并清除</translation>
    </message>
</context>
<context>
    <name>PinOverlay</name>
    <message>
        <location filename="../overlays.py" line="260"/>
        <source>Wrong PIN.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="275"/>
        <source>Technician</source>
        <translation>技术人员</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="276"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../overlays.py" line="277"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Presenters</name>
    <message>
        <location filename="../controllers/presenters.py" line="139"/>
        <source>(not filled in)</source>
        <translation>（未填写）</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../screens/progress.py" line="194"/>
        <source>Scan the QR code on my receipt</source>
        <translation>扫描回执上的二维码</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="195"/>
        <source>Type the number instead</source>
        <translation>改为输入编号</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="152"/>
        <source>Hold the QR code on your receipt in front of the camera.</source>
        <translation>请将回执上的二维码对准摄像头。</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="171"/>
        <source>This is not the QR code of a receipt. Please try another one.</source>
        <translation>这不是回执上的二维码，请换一个再试。</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="117"/>
        <location filename="../screens/progress.py" line="118"/>
        <source>Received at the kiosk</source>
        <translation>自助终端已受理</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="119"/>
        <location filename="../screens/progress.py" line="120"/>
        <source>Waiting to be sent to the department</source>
        <translation>等待发送至办理部门</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="121"/>
        <location filename="../screens/progress.py" line="122"/>
        <source>Sent to the department</source>
        <translation>已发送至办理部门</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="123"/>
        <source>Accepted by the department</source>
        <translation>部门已受理</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="124"/>
        <source>Being processed</source>
        <translation>正在办理</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="125"/>
        <source>Materials need to be supplemented</source>
        <translation>需要补交材料</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="126"/>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="127"/>
        <source>Result ready for pickup</source>
        <translation>结果已可领取</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="128"/>
        <source>Result sent by mail</source>
        <translation>结果已邮寄</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="129"/>
        <source>Not approved: please contact the window</source>
        <translation>未通过：请联系窗口</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="131"/>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="150"/>
        <source>Place your ID card on the reader.</source>
        <translation>请把身份证放到读卡区。</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="155"/>
        <source>Enter the digits of the number on your receipt (after {station}).</source>
        <translation>请输入回执上受理编号的数字部分（{station} 之后）。</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="161"/>
        <source>Status as last reported to this kiosk.</source>
        <translation>以下为本机最近获取的办理状态。</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="163"/>
        <source>No applications found.</source>
        <translation>没有找到申请。</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="166"/>
        <source>Please check the number on your receipt and search again, or ask at the service window.</source>
        <translation>请核对回执上的编号后重新查询，或到服务窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="191"/>
        <source>Check progress</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="192"/>
        <source>Tracking number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="193"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="196"/>
        <source>Use my ID card instead</source>
        <translation>刷身份证查询</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="197"/>
        <source>Back to home</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="198"/>
        <source>Search again</source>
        <translation>重新查询</translation>
    </message>
</context>
<context>
    <name>QrCodeWidget</name>
    <message>
        <location filename="../widgets/qr_view.py" line="37"/>
        <source>QR code of %1</source>
        <translation>%1 的二维码</translation>
    </message>
</context>
<context>
    <name>RateScreen</name>
    <message>
        <location filename="../screens/rate.py" line="145"/>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="145"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="148"/>
        <source>Enter the tracking number on your receipt.</source>
        <translation>请输入回执上的受理编号。</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="154"/>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="155"/>
        <source>Tracking number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="156"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../screens/rate.py" line="157"/>
        <source>Thank you for your rating!</source>
        <translation>感谢您的评价！</translation>
    </message>
</context>
<context>
    <name>RatingWidget</name>
    <message>
        <location filename="../widgets/rating_widget.py" line="120"/>
        <source>How satisfied are you with this service?</source>
        <translation>您对本次服务满意吗？</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="150"/>
        <source>Score each part: 5 is very good, 1 is very poor (optional)</source>
        <translation>分项打分：5 分最好，1 分最差（可不填）</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="172"/>
        <source>What went wrong? (optional, choose any)</source>
        <translation>哪些方面需要改进？（可选，可多选）</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="183"/>
        <source>Rate anonymously</source>
        <translation>匿名评价</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="191"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../widgets/rating_widget.py" line="193"/>
        <source>Submit rating</source>
        <translation>提交评价</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../screens/review.py" line="61"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="67"/>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="74"/>
        <source>{n} answers need attention. Tap Edit to correct them.</source>
        <translation>有 {n} 处需要修改，请点“修改”。</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="79"/>
        <source>Please sign first.</source>
        <translation>请先签名。</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="84"/>
        <source>{n} materials are still open: they will be handed in at the window.</source>
        <translation>还有 {n} 项材料未提交，将在窗口提交。</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="88"/>
        <source>Everything is ready.</source>
        <translation>全部准备好了。</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="92"/>
        <source>Submit application</source>
        <translation>提交申请</translation>
    </message>
</context>
<context>
    <name>SignaturePadWidget</name>
    <message>
        <location filename="../widgets/signature_pad.py" line="65"/>
        <source>Signature area: sign here with your finger</source>
        <translation>签名区：请用手指在此处签名</translation>
    </message>
</context>
<context>
    <name>SignatureScreen</name>
    <message>
        <location filename="../screens/signature.py" line="63"/>
        <source>Please sign</source>
        <translation>请签名</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="65"/>
        <source>Sign with your finger in the box. Your signature confirms your application.</source>
        <translation>请用手指在框内签名，签名即确认本次申请。</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="67"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="68"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../screens/signature.py" line="69"/>
        <source>Confirm signature</source>
        <translation>确认签名</translation>
    </message>
</context>
</TS>
