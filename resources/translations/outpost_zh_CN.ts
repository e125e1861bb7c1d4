<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="134" />
        <source>The provisioning file prepared for this laptop cannot be used (%1). Nothing was changed. Please ask the trainer for a corrected file.</source>
        <translation>为本电脑准备的预置文件无法使用（%1）。未做任何更改。请向培训人员索取更正后的文件。</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../../desktop/casetabs.py" line="227" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="227" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="227" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="228" />
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="229" />
        <source>Attach a file or photo…</source>
        <translation>添加文件或照片…</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../desktop/casepage.py" line="85" />
        <source>← Back to the case list</source>
        <translation>← 返回案件列表</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="95" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="95" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="95" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="95" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="96" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="110" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="110" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="110" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="116" />
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="117" />
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="119" />
        <source>Escalate to the town…</source>
        <translation>上报镇（街道）…</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="126" />
        <source>Settle the conflict…</source>
        <translation>处理冲突…</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="136" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="136" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="136" />
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="137" />
        <source>Next visit</source>
        <translation>下次走访</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="139" />
        <source>Log a visit…</source>
        <translation>登记走访…</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="153" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="158" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="160" />
        <source>New status:</source>
        <translation>新状态：</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="176" />
        <source>Parties and facts</source>
        <translation>当事人与事实</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="177" />
        <source>Intake</source>
        <translation>受理清单</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="178" />
        <source>Process steps</source>
        <translation>流程清单</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="179" />
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="180" />
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="181" />
        <source>Escalation and feedback</source>
        <translation>上报与反馈</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="182" />
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="207" />
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="210" />
        <source>Status: %1 · Type: %2 · Level: %3 · Priority: %4 · Village: %5 · Received: %6</source>
        <translation>状态：%1 · 类型：%2 · 层级：%3 · 优先级：%4 · 村社：%5 · 登记时间：%6</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="218" />
        <source>Facts: %1</source>
        <translation>纠纷事实：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="220" />
        <source>Claims: %1</source>
        <translation>当事人诉求：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="239" />
        <source>Deadline: %1</source>
        <translation>办理期限：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="246" />
        <source>The checklists propose escalating this case to the %1 level.</source>
        <translation>根据清单，建议将本案上报至%1级处理。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="251" />
        <source>Risk of violence or a criminal case: report to the police.</source>
        <translation>有激化为暴力或刑事案件（民转刑）的风险：请报警。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="254" />
        <source>Two laptops changed the status at the same time: it is “%1”; the other change was to “%2”. Please decide which stands.</source>
        <translation>两台电脑同时修改了状态：现为“%1”，另一处改为“%2”。请决定以哪个为准。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="294" />
        <source>Show in full…</source>
        <translation>显示完整信息…</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="295" />
        <source>Show the full ID number and phone; viewing is recorded.</source>
        <translation>显示完整的身份证号和电话；查看将被记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="319" />
        <source>Show the full details?</source>
        <translation>显示完整信息？</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="320" />
        <source>Show the full ID number and phone of %1?

Viewing is recorded: the case history and the town will show that you looked.</source>
        <translation>显示%1的完整身份证号和电话？

查看将被记录：案件历史中会留下记录，镇里也能看到您查看过。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="337" />
        <source>This party is no longer on the case. Nothing was shown.</source>
        <translation>该当事人已不在本案中，未显示任何信息。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="367" />
        <source>Step recorded: %1</source>
        <translation>记录流程步骤：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="369" />
        <source>Intake: %1 → %2</source>
        <translation>受理清单：%1 → %2</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="374" />
        <source>File attached: %1</source>
        <translation>添加附件：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="376" />
        <source>Visit logged: %1</source>
        <translation>登记走访：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="381" />
        <source>Status: %1 → %2</source>
        <translation>状态：%1 → %2</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="420" />
        <source>Please write in the note why the case ends here and that the parties were told of their other legal routes.</source>
        <translation>请在备注中写明终止的原因，并注明已告知当事人可以通过其他法律途径解决。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="435" />
        <source>Change the status?</source>
        <translation>变更案件状态？</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="436" />
        <source>Change this case to “%1”? This step cannot be undone.</source>
        <translation>确定将案件变更为“%1”吗？此步骤不能撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="450" />
        <source>the intake checklist is not complete</source>
        <translation>受理清单尚未填完</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="451" />
        <source>The case cannot be accepted: %1. Nothing was changed.</source>
        <translation>案件不能受理：%1。案件未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="463" />
        <source>The case is already accepted: its intake cannot change.</source>
        <translation>案件已受理，受理清单不能再修改。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="469" />
        <source>Only the town or district handling this case can move it from “%1” to “%2”. Nothing was changed.</source>
        <translation>只有承办此案件的镇（街道）或区矛调中心才能将它从“%1”变更为“%2”。案件未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="478" />
        <source>This case cannot move from “%1” to “%2”. Nothing was changed.</source>
        <translation>案件不能从“%1”变更为“%2”。案件未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="562" />
        <source>Attach a file or photo</source>
        <translation>添加文件或照片</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="612" />
        <source>Settle the conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="613" />
        <source>Which status stands for this case?</source>
        <translation>本案以哪个状态为准？</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="615" />
        <source>Keep “%1”</source>
        <translation>保持“%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="619" />
        <source>Change to “%1”</source>
        <translation>改为“%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="622" />
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../desktop/caselist.py" line="72" />
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="73" />
        <source>Received</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="74" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="75" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="76" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="77" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="78" />
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
</context>
<context>
    <name>CaseWizard</name>
    <message>
        <location filename="../../desktop/wizard.py" line="60" />
        <source>Take in a dispute</source>
        <translation>登记受理纠纷</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="64" />
        <source>1 Parties</source>
        <translation>1 当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="64" />
        <source>2 The dispute</source>
        <translation>2 纠纷情况</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="65" />
        <source>3 Intake checklist</source>
        <translation>3 受理清单</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="65" />
        <source>4 Confirm</source>
        <translation>4 确认</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="79" />
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="80" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="81" />
        <source>Record the case</source>
        <translation>登记案件</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="82" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="228" />
        <source>Parties: %1</source>
        <translation>当事人：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="229" />
        <source>Dispute type: %1</source>
        <translation>纠纷类型：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="234" />
        <source>The intake checklist is complete: the case will be accepted.</source>
        <translation>受理清单已完成：案件将予以受理。</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="235" />
        <source>Record and accept</source>
        <translation>登记并受理</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="238" />
        <source>The case will be recorded but not accepted; finish the intake on its page when you can.</source>
        <translation>案件将登记但暂不受理；可稍后在案件页面完成受理清单。</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="241" />
        <source>Record without accepting</source>
        <translation>登记但不受理</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="245" />
        <source>Cannot be accepted: %1</source>
        <translation>不予受理：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="294" />
        <source>Keep this dispute?</source>
        <translation>保留这件纠纷吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="295" />
        <source>Keep what you typed as a draft to finish later? It will be listed on the workbench.</source>
        <translation>是否将已填写的内容保存为草稿，稍后继续？草稿会列在工作台上。</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="297" />
        <source>Keep as draft</source>
        <translation>保存为草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="298" />
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../desktop/wizard.py" line="299" />
        <source>Go on typing</source>
        <translation>继续填写</translation>
    </message>
</context>
<context>
    <name>CasesSection</name>
    <message>
        <location filename="../../desktop/mainwindow.py" line="82" />
        <source>Take in a dispute</source>
        <translation>登记受理纠纷</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="85" />
        <source>Loading cases…</source>
        <translation>正在加载案件…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="87" />
        <source>Export ledger…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="164" />
        <source>No cases yet. Use “Take in a dispute” to add one.</source>
        <translation>还没有案件。点击“登记受理纠纷”添加第一件。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="166" />
        <source>No case matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的案件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/mainwindow.py" line="168" />
        <source>%n case(s) found</source>
        <translation>
            <numerusform>共找到 %n 件案件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="220" />
        <source>New cases cannot be taken in: the checklists cannot be used (%1). Cases already recorded are safe. Please have the checklist files corrected.</source>
        <translation>暂时无法登记受理新案件：清单文件无法使用（%1）。已登记的案件安全无损。请联系有关人员更正清单文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="241" />
        <source>This draft is no longer there: it was recorded or discarded.</source>
        <translation>这份草稿已不存在：它已登记为案件或已被丢弃。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="485" />
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="488" />
        <source>Your new password opens Outpost on this laptop from now on. The town server takes it at the next sync.</source>
        <translation>从现在起，用新密码打开本电脑上的前哨解纷。镇服务器会在下次同步时更新密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="498" />
        <source>At least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="502" />
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="503" />
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="504" />
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="511" />
        <source>Please enter your current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="515" />
        <source>The two new passwords differ. Please type the same one twice.</source>
        <translation>两次输入的新密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="523" />
        <source>The current password is wrong. Nothing was changed.</source>
        <translation>当前密码错误，没有做任何修改。</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../desktop/deskforms.py" line="209" />
        <source>Close the case</source>
        <translation>结单</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="214" />
        <source>What was decided, and what the parties agreed</source>
        <translation>处理结果及双方达成的协议</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="215" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="216" />
        <source>Decision</source>
        <translation>处理结果</translation>
    </message>
</context>
<context>
    <name>Curtain</name>
    <message>
        <location filename="../../desktop/lock.py" line="110" />
        <source>Outpost is locked</source>
        <translation>前哨解纷已锁定</translation>
    </message>
</context>
<context>
    <name>DeskFilterBar</name>
    <message>
        <location filename="../../desktop/desk.py" line="188" />
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="189" />
        <source>New (not accepted)</source>
        <translation>新上报（未接单）</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="190" />
        <source>Accepted, in hand</source>
        <translation>已接单、办理中</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="191" />
        <source>Closed</source>
        <translation>已结单</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="192" />
        <source>Returned or sent on</source>
        <translation>已退回或已上报区级</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="196" />
        <source>All villages</source>
        <translation>全部村（社区）</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="198" />
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="201" />
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="203" />
        <source>Overdue only</source>
        <translation>仅看超期</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../desktop/desk.py" line="262" />
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="262" />
        <source>Escalations sent</source>
        <translation>已上报事项</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="308" />
        <source>Open the case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="311" />
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="311" />
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="312" />
        <source>Handling note</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="312" />
        <source>Joint consultation</source>
        <translation>联合会诊</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="313" />
        <source>Close the case</source>
        <translation>结单</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="313" />
        <source>Return with instructions</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="316" />
        <source>Escalate to the district</source>
        <translation>上报区级</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/desk.py" line="351" />
        <source>%n escalation(s)</source>
        <translation>
            <numerusform>共 %n 件上报</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/desk.py" line="353" />
        <source>, %n overdue</source>
        <translation>
            <numerusform>，%n 件超时</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="354" />
        <source>Nothing here.</source>
        <translation>暂无事项。</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <location filename="../../desktop/deskforms.py" line="150" />
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="157" />
        <source>What to do, by when (optional)</source>
        <translation>办理要求及时限（选填）</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="158" />
        <source>Dispatch to</source>
        <translation>派往</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="159" />
        <source>Note to the assignee</source>
        <translation>派单说明</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="162" />
        <source>The directory of departments and mediators has not arrived yet: sync, or ask the server administrator to import it.</source>
        <translation>部门和调解员名录尚未同步到本机：请先同步，或请服务器管理员导入名录。</translation>
    </message>
</context>
<context>
    <name>DisputeStep</name>
    <message>
        <location filename="../../desktop/wizardpages.py" line="111" />
        <source>Please choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="116" />
        <source>What happened, between whom, since when</source>
        <translation>发生了什么、双方是谁、从何时开始</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="119" />
        <source>What each party asks for</source>
        <translation>各方当事人的请求</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="127" />
        <source>What the items checklist says</source>
        <translation>事项清单的规定</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="130" />
        <source>Dispute type *</source>
        <translation>纠纷类型 *</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="132" />
        <source>Facts *</source>
        <translation>纠纷事实 *</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="133" />
        <source>Claims</source>
        <translation>当事人诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="145" />
        <source>Choose the dispute type to see who handles it.</source>
        <translation>选择纠纷类型后，这里会显示由哪一级处理。</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="151" />
        <source>Handled at: %1</source>
        <translation>处理层级：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="152" />
        <source>Priority: %1</source>
        <translation>优先级：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/wizardpages.py" line="153" />
        <source>Deadline: %n day(s), until %1</source>
        <translation>
            <numerusform>办理期限：%n 天，至 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="158" />
        <source>Departments: %1</source>
        <translation>参与部门：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="161" />
        <source>Beyond the village: propose escalation to the %1 level.</source>
        <translation>超出村级职能：建议上报至%1级。</translation>
    </message>
</context>
<context>
    <name>DocumentsButton</name>
    <message>
        <location filename="../../desktop/documents.py" line="310" />
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="315" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="317" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="324" />
        <source>Mediation agreement</source>
        <translation>调解协议书</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="325" />
        <source>Notice of terminated mediation</source>
        <translation>调解终止告知书</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="326" />
        <source>Case file for the archive</source>
        <translation>卷宗（归档用）</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="343" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="343" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="403" />
        <source>Your own template %1 could not be used: %2. The template that comes with Outpost was used instead; please correct your copy.</source>
        <translation>本地自定义模板 %1 无法使用：%2。已改用软件自带的模板；请改正您的模板。</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="412" />
        <source>No mediation agreement has been recorded for this case. Record the agreement step (its terms and deadline) first.</source>
        <translation>本案尚未记录调解协议。请先在流程步骤中记录“调解协议”（协议内容和履行期限）。</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="416" />
        <source>This case has no record of the mediation being terminated. Record the termination step (the reason) first.</source>
        <translation>本案没有终止调解的记录。请先在流程步骤中记录“调解终止”（终止调解的原因）。</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="443" />
        <source>Laying out %1…</source>
        <translation>正在排版%1…</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="465" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="466" />
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/documents.py" line="467" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../desktop/deskforms.py" line="114" />
        <source>Escalate to the district</source>
        <translation>上报区级</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="114" />
        <source>Escalate to the town</source>
        <translation>上报镇（街道）</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="118" />
        <source>Why the case needs the higher level</source>
        <translation>需要上级处理的原因</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="122" />
        <source>What was already tried (optional)</source>
        <translation>已采取的措施（选填）</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="123" />
        <source>Reason</source>
        <translation>上报原因</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="124" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="125" />
        <source>Already tried</source>
        <translation>已采取措施</translation>
    </message>
</context>
<context>
    <name>EscalationTableModel</name>
    <message>
        <location filename="../../desktop/desk.py" line="132" />
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="132" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="132" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="132" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="133" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="133" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="133" />
        <source>Accept by</source>
        <translation>接单时限</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="133" />
        <source>Close by</source>
        <translation>结单时限</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="156" />
        <source> · overdue</source>
        <translation> · 超时</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="158" />
        <source> · conflict to settle</source>
        <translation> · 冲突待处理</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <location filename="../../desktop/statistics.py" line="50" />
        <source>Cases received = cases recorded in the period</source>
        <translation>登记案件数 = 统计期内登记的案件数</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="51" />
        <source>Cases accepted = cases accepted in the period (by the village, or by the desk when escalated first)</source>
        <translation>受理案件数 = 统计期内受理的案件数（村级受理；受理前即上报的，以上级接单为准）</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="53" />
        <source>Cases closed = cases first reaching an agreement or a termination in the period (refusals at intake excluded)</source>
        <translation>办结案件数 = 统计期内首次达成调解协议或终止调解的案件数（不予受理的不计）</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="55" />
        <source>Closure rate = cases closed / cases accepted in the period</source>
        <translation>办结率 = 统计期内办结案件数 / 受理案件数</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="56" />
        <source>Mediation success rate = agreements / (agreements + terminations) of the cases closed in the period</source>
        <translation>调解成功率 = 统计期内办结案件中 达成协议数 / （达成协议数 + 终止调解数）</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="58" />
        <source>Handling time = days from acceptance to closure of the cases closed in the period (median and mean)</source>
        <translation>调处时间 = 统计期内办结案件从受理到办结的天数（中位数和平均数）</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="60" />
        <source>Resolved at each level = share of the cases closed in the period, each counted at the level that closed it</source>
        <translation>各级化解占比 = 统计期内办结案件中各级办结的比例（上报案件计入办结它的层级）</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="62" />
        <source>Overdue = cases open past their deadline at the end of the period + cases closed in the period after their deadline</source>
        <translation>超期案件 = 统计期末仍未办结且已过期限的案件 + 统计期内超过期限才办结的案件</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="64" />
        <source>Follow-up survey = answers given at the follow-up visits made in the period</source>
        <translation>回访满意度 = 统计期内回访时当事人的评价</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/casefilters.py" line="44" />
        <source>Search names, ID numbers, phones, addresses, facts…</source>
        <translation>搜索姓名、身份证号、电话、住址、纠纷事实…</translation>
    </message>
    <message>
        <location filename="../../desktop/casefilters.py" line="48" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/casefilters.py" line="51" />
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../desktop/casefilters.py" line="54" />
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <location filename="../../desktop/casefilters.py" line="56" />
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../desktop/casefilters.py" line="57" />
        <source>Overdue only</source>
        <translation>仅看超期</translation>
    </message>
    <message>
        <location filename="../../desktop/casefilters.py" line="58" />
        <source>Received from</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../desktop/casefilters.py" line="66" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/firstrun.py" line="111" />
        <source>Before the first case, tell Outpost who works on this laptop and which village or community it serves. Cases recorded here belong to that village. Your login name and password open Outpost from now on.</source>
        <translation>登记第一件案件之前，请填写使用本电脑的网格员姓名，并选择本电脑服务的村（社区）。在本电脑登记的案件都属于该村（社区）。从现在起，用您的登录名和密码打开前哨解纷。</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="125" />
        <source>Town / subdistrict</source>
        <translation>镇 / 街道</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="126" />
        <source>Village / community</source>
        <translation>村 / 社区</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="135" />
        <source>Mediation centre desk (town or district)</source>
        <translation>矛调中心（镇街或区级）</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="143" />
        <source>Please choose your village or community.</source>
        <translation>请选择您所在的村或社区。</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../desktop/formatting.py" line="39" />
        <source>%1 (%n day(s) overdue)</source>
        <translation>%1（已超期 %n 天）</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="41" />
        <source>%1 (due today)</source>
        <translation>%1（今天到期）</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="43" />
        <source>%1 (%n day(s) left)</source>
        <translation>%1（剩余 %n 天）</translation>
    </message>
</context>
<context>
    <name>IntakeOutcome</name>
    <message>
        <location filename="../../desktop/wizardpages.py" line="287" />
        <source>Risk of violence or a criminal case: report to the police now.</source>
        <translation>有激化为暴力或刑事案件（民转刑）的风险：请立即报警。</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="292" />
        <source>Priority: %1</source>
        <translation>优先级：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="298" />
        <source>Escalation to a higher level is proposed.</source>
        <translation>建议上报上级处理。</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="314" />
        <source>Cannot be accepted: %1</source>
        <translation>不予受理：%1</translation>
    </message>
</context>
<context>
    <name>IntakeTab</name>
    <message>
        <location filename="../../desktop/casetabs.py" line="52" />
        <source>Save the answers</source>
        <translation>保存答案</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="53" />
        <source>Accept the case</source>
        <translation>受理案件</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="74" />
        <source>This case was recorded before the checklists.</source>
        <translation>本案登记于启用清单之前。</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="104" />
        <source>Risk of violence or a criminal case: report to the police.</source>
        <translation>有激化为暴力或刑事案件（民转刑）的风险：请报警。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/casetabs.py" line="106" />
        <source>%n question(s) not answered yet.</source>
        <translation>
            <numerusform>还有 %n 项未回答。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/casetabs.py" line="108" />
        <source>%n answer(s) need a note.</source>
        <translation>
            <numerusform>有 %n 项需要填写说明。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="110" />
        <source>The intake allows accepting the case.</source>
        <translation>受理清单已满足受理条件。</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="113" />
        <source>Cannot be accepted: %1</source>
        <translation>不予受理：%1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/labels.py" line="29" />
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="30" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="31" />
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="32" />
        <source>Agreement reached</source>
        <translation>达成调解协议</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="33" />
        <source>Mediation terminated</source>
        <translation>调解终止</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="34" />
        <source>Being performed</source>
        <translation>履行中</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="35" />
        <source>Followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="36" />
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="37" />
        <location filename="../../desktop/labels.py" line="116" />
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="38" />
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="48" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="49" />
        <source>Respondent</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="59" />
        <source>Marriage and family</source>
        <translation>婚姻家庭</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="60" />
        <source>Neighbours</source>
        <translation>邻里</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="61" />
        <source>Housing and homestead</source>
        <translation>房屋宅基地</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="62" />
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="63" />
        <source>Production and business</source>
        <translation>生产经营</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="64" />
        <source>Compensation for damage</source>
        <translation>损害赔偿</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="65" />
        <source>Forest and land</source>
        <translation>山林土地</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="66" />
        <source>Land expropriation and demolition</source>
        <translation>征地拆迁</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="67" />
        <source>Environmental pollution</source>
        <translation>环境污染</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="68" />
        <source>Labour dispute</source>
        <translation>劳动争议</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="69" />
        <source>Medical</source>
        <translation>医疗</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="70" />
        <source>Property management</source>
        <translation>物业</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="71" />
        <source>Road traffic accident</source>
        <translation>道路交通事故</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="72" />
        <source>Consumer</source>
        <translation>消费</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="73" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="83" />
        <source>Routine</source>
        <translation>小事快办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="84" />
        <source>Urgent</source>
        <translation>急事速办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="85" />
        <source>Hard, joint handling</source>
        <translation>难事联办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="95" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="96" />
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="97" />
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="107" />
        <source>Case recorded</source>
        <translation>登记案件</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="108" />
        <source>Status changed</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="109" />
        <source>Intake question answered</source>
        <translation>回答受理清单</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="110" />
        <source>Priority or proposed level changed</source>
        <translation>优先级或建议层级变更</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="111" />
        <source>Process step recorded</source>
        <translation>记录流程步骤</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="112" />
        <source>File attached</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="113" />
        <source>Visit logged</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="114" />
        <source>Patrol linked to this case</source>
        <translation>巡查记录关联本案</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="115" />
        <source>Conflict settled</source>
        <translation>冲突已处理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="117" />
        <source>Received by the desk</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="118" />
        <source>Taken on by the desk</source>
        <translation>已接单</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="119" />
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="120" />
        <source>Handling note</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="121" />
        <source>Closed by the desk</source>
        <translation>已结单</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="122" />
        <source>Returned with instructions</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="123" />
        <source>A party's personal data viewed</source>
        <translation>查看了当事人的完整信息</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="134" />
        <source>Viewed the full ID number and phone of %1</source>
        <translation>查看了%1的完整身份证号和电话</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="137" />
        <source>Viewed the full ID number of %1</source>
        <translation>查看了%1的完整身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="138" />
        <source>Viewed the full phone number of %1</source>
        <translation>查看了%1的完整电话号码</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="152" />
        <source>Required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="153" />
        <location filename="../../desktop/labels.py" line="439" />
        <source>Too long; please shorten it.</source>
        <translation>内容过长，请删减。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="154" />
        <source>Please choose from the list.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="155" />
        <source>At least one party must be an applicant.</source>
        <translation>至少要有一位当事人是申请人。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="156" />
        <source>Not a valid phone number: use an 11-digit mobile number or a landline with area code.</source>
        <translation>电话号码无效：请填写 11 位手机号码，或带区号的固定电话。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="160" />
        <source>An ID number has 18 characters.</source>
        <translation>身份证号应为 18 位。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="161" />
        <source>An ID number is 17 digits followed by a digit or X.</source>
        <translation>身份证号由 17 位数字加最后一位数字或 X 组成。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="164" />
        <source>The first two digits are not a province code.</source>
        <translation>前两位不是有效的省份代码。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="165" />
        <source>Digits 7 to 14 are not a real date of birth.</source>
        <translation>第 7 至 14 位不是有效的出生日期。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="168" />
        <source>The check digit does not match; please check the number.</source>
        <translation>校验位不符，请核对号码。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="171" />
        <source>This date has not come yet.</source>
        <translation>这个日期还没到。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="172" />
        <source>The next visit must come after this one.</source>
        <translation>下次走访日期应在本次之后。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="175" />
        <source>A follow-up visit belongs to a case: choose the case.</source>
        <translation>回访须关联案件：请选择案件。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="189" />
        <source>Grid patrol</source>
        <translation>网格巡查</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="190" />
        <source>Home visit</source>
        <translation>上门听诊</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="191" />
        <source>Appointment</source>
        <translation>预约接诊</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="192" />
        <source>Joint consultation</source>
        <translation>联合会诊</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="193" />
        <source>Follow-up visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="204" />
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="205" />
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="206" />
        <source>Not satisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="217" />
        <source>Attitude of the mediators</source>
        <translation>调处态度</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="218" />
        <source>Proper procedure</source>
        <translation>调处规范</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="219" />
        <source>Effect of the mediation</source>
        <translation>调处效果</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="230" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="231" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="232" />
        <source>All parties agree</source>
        <translation>各方均同意</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="233" />
        <source>Not yet decided</source>
        <translation>尚未表态</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="234" />
        <source>A party refuses</source>
        <translation>有当事人拒绝</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="235" />
        <source>No risk</source>
        <translation>无风险</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="236" />
        <source>Low risk</source>
        <translation>风险较低</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="237" />
        <source>High risk (violence or crime)</source>
        <translation>风险较高（可能激化为暴力或刑事案件）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="238" />
        <source>Listed</source>
        <translation>已列明</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="239" />
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="249" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="250" />
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="251" />
        <source>Not needed</source>
        <translation>无需办理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="261" />
        <source>The case has not been accepted yet: finish the intake checklist first.</source>
        <translation>案件尚未受理：请先完成受理清单。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="264" />
        <source>An earlier step is not done yet: %1.</source>
        <translation>前面的步骤尚未完成：%1。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="265" />
        <source>This step has already been recorded.</source>
        <translation>此步骤已经记录过了。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="266" />
        <source>This step is not needed any more (its alternative was taken).</source>
        <translation>此步骤已无需办理（已选择另一种结果）。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="269" />
        <source>Please fill in: %1.</source>
        <translation>请填写：%1。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="270" />
        <source>This case has no such step.</source>
        <translation>本案没有这个步骤。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="280" />
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="281" />
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="282" />
        <source>The file is larger than 20 MB; please attach a smaller copy.</source>
        <translation>文件超过 20 MB，请添加较小的副本。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="285" />
        <source>Only photos, scans (PDF), documents, voice recordings and short videos can be attached.</source>
        <translation>只能添加照片、扫描件（PDF）、文档、录音和短视频。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="300" />
        <source>the file cannot be read as TOML (%1)</source>
        <translation>文件无法按 TOML 格式读取（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="301" />
        <source>a required entry is missing</source>
        <translation>缺少必填项</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="302" />
        <source>this entry is not known</source>
        <translation>无法识别此项</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="303" />
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="304" />
        <source>needs at least %1 entries</source>
        <translation>至少需要 %1 项</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="305" />
        <source>must be greater than %1</source>
        <translation>必须大于 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="306" />
        <source>must be at least %1</source>
        <translation>不能小于 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="307" />
        <source>must be at most %1</source>
        <translation>不能大于 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="308" />
        <location filename="../../desktop/labels.py" line="309" />
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="310" />
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="311" />
        <source>must be text in quotes</source>
        <translation>必须是加引号的文字</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="312" />
        <source>must be a list in [ ]</source>
        <translation>必须是用 [ ] 括起的列表</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="313" />
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="314" />
        <location filename="../../desktop/labels.py" line="315" />
        <source>must be one of: %1</source>
        <translation>必须是以下之一：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="316" />
        <source>codes use lower-case letters and underscores only</source>
        <translation>代码只能使用小写字母和下划线</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="319" />
        <source>dispute types listed twice: %1</source>
        <translation>纠纷类型重复：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="320" />
        <source>dispute types missing: %1</source>
        <translation>缺少纠纷类型：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="321" />
        <source>a blocking rule needs a reason</source>
        <translation>阻止受理的规则必须写明理由</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="322" />
        <source>the answer %1 is not one of: %2</source>
        <translation>答案 %1 不在可选答案之中：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="323" />
        <source>every answer blocks, so no case could ever be accepted</source>
        <translation>每个答案都会阻止受理，案件将永远无法受理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="326" />
        <source>questions listed twice: %1</source>
        <translation>问题重复：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="327" />
        <source>questions the People's Mediation Law requires are missing: %1</source>
        <translation>缺少《人民调解法》要求的问题：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="330" />
        <source>give exactly one of due_share and after_close_days</source>
        <translation>due_share 和 after_close_days 必须且只能填写其中一个</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="331" />
        <source>fields listed twice: %1</source>
        <translation>字段重复：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="332" />
        <source>steps listed twice: %1</source>
        <translation>步骤重复：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="333" />
        <source>step %1 refers to a step that does not exist: %2</source>
        <translation>步骤 %1 引用了不存在的步骤：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="334" />
        <source>steps %1 and %2 must name each other as alternatives</source>
        <translation>步骤 %1 和 %2 必须互相指定为替代步骤</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="335" />
        <source>question %1: the answer %2 must keep the rule the law requires (%3)</source>
        <translation>问题 %1：答案 %2 必须保留法律要求的规则（%3）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="338" />
        <source>step %1: no case can become %2 here</source>
        <translation>步骤 %1：案件在此处不可能进入“%2”状态</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="339" />
        <source>due_share must not decrease from one step to the next</source>
        <translation>due_share 不能比前一步骤小</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="365" />
        <source>%1: %2: %3</source>
        <translation>%1：%2：%3</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="367" />
        <source>whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="373" />
        <source>Sent, not yet received</source>
        <translation>已上报，待签收</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="374" />
        <source>Received, awaiting acceptance</source>
        <translation>已签收，待接单</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="375" />
        <source>Taken on, not yet dispatched</source>
        <translation>已接单，待派单</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="376" />
        <source>Dispatched, being handled</source>
        <translation>已派单，办理中</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="377" />
        <source>Closed</source>
        <translation>已结单</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="378" />
        <source>Returned to the level below</source>
        <translation>已退回下级</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="379" />
        <source>Escalated to the district</source>
        <translation>已上报区级</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="389" />
        <source>Routine (accept within a day)</source>
        <translation>一般（1 日内接单）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="390" />
        <source>Urgent (accept within 4 hours)</source>
        <translation>紧急（4 小时内接单）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="400" />
        <source>Department</source>
        <translation>职能部门</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="401" />
        <source>Mediator team</source>
        <translation>调解队伍</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="402" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="403" />
        <source>Professional</source>
        <translation>专业</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="404" />
        <source>Part-time</source>
        <translation>兼职</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="405" />
        <source>Invited</source>
        <translation>特邀</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="415" />
        <source>This laptop is not set up yet.</source>
        <translation>本机尚未完成设置。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="416" />
        <source>Only a case still being handled can be escalated.</source>
        <translation>只有正在办理中的案件才能上报。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="417" />
        <source>The district is the last level: it cannot escalate.</source>
        <translation>区级为最后一级，不能再上报。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="418" />
        <source>There is no higher level in the org tree.</source>
        <translation>组织架构中没有上一级。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="419" />
        <source>Accept the escalation first; this is not possible before.</source>
        <translation>请先接单，接单前不能进行此操作。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="422" />
        <source>This escalation was sent to another desk; only that desk can act on it.</source>
        <translation>该事项上报给了其他矛调中心，只有该中心可以处理。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="425" />
        <source>This escalation has been accepted already.</source>
        <translation>该事项已被接单。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="426" />
        <source>This escalation is finished already.</source>
        <translation>该事项已办结。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="427" />
        <source>Please give the reason for escalating.</source>
        <translation>请填写上报原因。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="428" />
        <source>Please write what was done.</source>
        <translation>请填写办理情况。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="429" />
        <source>Please write the outcome.</source>
        <translation>请填写处理结果。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="430" />
        <source>Please write what the village should do.</source>
        <translation>请填写退回后下级应如何办理。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="431" />
        <source>Please choose who takes the case.</source>
        <translation>请选择承办部门或调解员。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="432" />
        <source>A joint consultation names who took part.</source>
        <translation>联合会诊须写明参加人员。</translation>
    </message>
</context>
<context>
    <name>LedgerExport</name>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="77" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="77" />
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV 文件，UTF-8 编码 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="79" />
        <location filename="../../desktop/ledgerexport.py" line="91" />
        <location filename="../../desktop/ledgerexport.py" line="149" />
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="90" />
        <source>Writing the ledger…</source>
        <translation>正在导出台账…</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="90" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="131" />
        <source>Writing the ledger: %1 of %2 cases…</source>
        <translation>正在导出台账：已写入 %1 件，共 %2 件…</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="150" />
        <source>The ledger of %1 cases has been saved to:
%2</source>
        <translation>已导出 %1 件案件的台账，保存在：
%2</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="156" />
        <source>ID numbers and phone numbers in the facts and performance notes are shown masked.</source>
        <translation>简要案情和履行情况中的身份证号、电话号码已做脱敏处理（部分数字以 * 显示）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="161" />
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="178" />
        <source>The ledger could not be written to %1: %2. The cases are not affected. Check the disk or choose another folder, then export again.</source>
        <translation>台账未能写入 %1：%2。案件数据不受影响。请检查磁盘或另选文件夹，然后重新导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="195" />
        <source>The ledger was not written: the folder %1 does not exist (was a USB drive removed?). The cases are not affected. Choose another folder and export again.</source>
        <translation>台账未导出：文件夹 %1 不存在（U 盘是否已拔出？）。案件数据不受影响。请另选文件夹后重新导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="199" />
        <source>The ledger was not written: the folder %1 cannot be written to. The cases are not affected. Choose another folder, such as Documents, and export again.</source>
        <translation>台账未导出：文件夹 %1 不允许写入。案件数据不受影响。请另选文件夹（例如“文档”）后重新导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="203" />
        <source>The ledger was not written: %1 is open in another program (such as Excel or WPS). The cases are not affected. Close it there, then export again.</source>
        <translation>台账未导出：%1 正被其他程序（如 Excel 或 WPS）打开。案件数据不受影响。请先在该程序中关闭它，然后重新导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledgerexport.py" line="207" />
        <source>The ledger was not written: the disk is full. The cases are not affected. Free some space or choose another drive, then export again.</source>
        <translation>台账未导出：磁盘已满。案件数据不受影响。请清理磁盘空间或换一个磁盘，然后重新导出。</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <location filename="../../desktop/login.py" line="83" />
        <source>Wrong password. After %n more wrong try(s) this login is locked for a while.</source>
        <translation>密码错误。再错 %n 次，此账号将被暂时锁定。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="91" />
        <source>Too many wrong passwords: this login is locked until %1 (%2 left). Another worker can log in meanwhile.</source>
        <translation>密码错误次数过多，此账号已锁定至 %1（还剩 %2）。其间其他网格员可以登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="100" />
        <source>There is no worker with this login name on this laptop. Check the name; an account made at the town server arrives with the next sync.</source>
        <translation>本电脑上没有使用这个登录名的网格员。请核对登录名；镇里开设的账号会在下次同步后出现在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="106" />
        <source>The key file of this laptop (keys.json) is damaged, so no one can log in. Quit Outpost and ask technical support to put back a copy of it.</source>
        <translation>本电脑的密钥文件（keys.json）已损坏，任何人都无法登录。请退出前哨解纷，并请技术支持放回该文件的副本。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="122" />
        <source>Training profile: log in as %1 with the password %2.</source>
        <translation>培训账号：登录名 %1，密码 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="130" />
        <source>The password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="327" />
        <source>Letters and digits, e.g. wangfang</source>
        <translation>字母和数字，例如 wangfang</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="332" />
        <source>At least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="338" />
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="339" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="340" />
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="346" />
        <source>Please choose a login name.</source>
        <translation>请设置登录名。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="348" />
        <source>A login name has no spaces.</source>
        <translation>登录名不能包含空格。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="352" />
        <source>The two passwords differ. Please type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="381" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="709" />
        <source>The password was right, but the key it opened does not fit the case store on this laptop (keys.json may come from another laptop). Nothing was changed. Please contact technical support.</source>
        <translation>密码正确，但它解开的密钥打不开本电脑上的案件库（keys.json 可能来自另一台电脑）。没有做任何改动。请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="716" />
        <source>The case store on this laptop is damaged (the file is cut short or corrupted) and there is no backup of it to put back. Nothing was changed. Please contact technical support; the cases already sent to the town server are safe there.</source>
        <translation>本电脑上的案件库已损坏（文件被截断或内容出错），而且没有可以恢复的备份。没有做任何改动。请联系技术支持；已发送到镇服务器的案件在服务器上是安全的。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="737" />
        <source>The case store on this laptop is damaged (the file is cut short or corrupted) and cannot be opened.

The newest good backup was taken on %1. Put it back? Work done after that time which was not yet sent to the town server is not in the backup. The damaged file is kept aside, not deleted.</source>
        <translation>本电脑上的案件库已损坏（文件被截断或内容出错），无法打开。

最新的完好备份制作于 %1。要恢复这份备份吗？在此之后完成、且尚未发送到镇服务器的工作不在备份中。损坏的文件会另行保留，不会删除。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="744" />
        <source>The case store is damaged</source>
        <translation>案件库已损坏</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="747" />
        <source>Put the backup back</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="751" />
        <source>Quit Outpost</source>
        <translation>退出前哨解纷</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="161" />
        <source>Outpost is locked</source>
        <translation>前哨解纷已锁定</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="161" />
        <location filename="../../desktop/login.py" line="179" />
        <location filename="../../desktop/login.py" line="262" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="170" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="174" />
        <location filename="../../desktop/login.py" line="198" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="182" />
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="187" />
        <source>Quit Outpost</source>
        <translation>退出前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="197" />
        <source>Worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="213" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="213" />
        <source>Log in to Outpost</source>
        <translation>登录前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="218" />
        <source>Outpost is locked so that no one else can read the records. Enter the password to go on, or let another worker log in.</source>
        <translation>前哨解纷已锁定，以免他人看到记录。请输入密码继续，或由其他网格员登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="222" />
        <source>Choose your name, or type your login name, and enter your password. Logging in works without a network.</source>
        <translation>请选择您的姓名或输入登录名，再输入密码。登录不需要网络。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="253" />
        <source>Please choose your name or type your login name.</source>
        <translation>请选择您的姓名或输入登录名。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="255" />
        <source>Please enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="262" />
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/mainwindow.py" line="287" />
        <source>Outpost — grassroots dispute resolution</source>
        <translation>前哨解纷 — 基层矛盾纠纷调处</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="335" />
        <source>Opening the case store…</source>
        <translation>正在打开案件库…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="341" />
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="342" />
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="344" />
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="346" />
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="356" />
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="357" />
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="358" />
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="359" />
        <location filename="../../desktop/mainwindow.py" line="421" />
        <source>Escalation</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="360" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="361" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="488" />
        <source>Preparing the training cases…</source>
        <translation>正在准备培训案件…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="500" />
        <source>Resetting the training data…</source>
        <translation>正在重置培训数据…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="507" />
        <source>Training data reset.</source>
        <translation>培训数据已重置。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="519" />
        <source>The provisioning file names the unit %1, which this version of Outpost does not know. Choose the village by hand, and tell the trainer.</source>
        <translation>预置文件指定的单位 %1 不在本版本前哨解纷的组织架构中。请手动选择村（社区），并告知培训人员。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="601" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="629" />
        <source>A checklist file has a mistake and there is no earlier good version of it, so the checklists cannot be used and new cases cannot go through intake. Cases already recorded are safe. Please have the checklist corrected:
%1</source>
        <translation>清单文件有误，且没有可用的旧版本，因此暂时无法使用清单，新案件不能办理受理手续。已登记的案件不受影响。请尽快修正清单文件：
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="819" />
        <source>Outpost is locked</source>
        <translation>前哨解纷已锁定</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="863" />
        <source>%1 is now working on this laptop.</source>
        <translation>现在由%1在本电脑上工作。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="879" />
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="623" />
        <source>A checklist file has a mistake and was not used; Outpost goes on with the last good version of it, so work can continue. Please tell the person who edited the checklists:
%1</source>
        <translation>清单文件有误，未被采用；前哨解纷继续使用该清单上次可用的版本，工作不受影响。请告知修改清单的人员：
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="421" />
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="672" />
        <source>Enrolled for %1. The first sync starts now.</source>
        <translation>已注册到%1。首次同步现在开始。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="683" />
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="695" />
        <source>%1 cases · %2 changes waiting to sync</source>
        <translation>共 %1 件案件 · %2 条记录待同步</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="715" />
        <source>This case store was made by a newer version of Outpost than the one installed, so it cannot be opened here. Nothing in it was changed. Please install the newest version of Outpost.</source>
        <translation>这个案件库由更新版本的前哨解纷创建，当前安装的版本较旧，无法打开。案件库没有任何改动。请安装最新版本的前哨解纷。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="722" />
        <source>Outpost could not update its case store to this version. Your cases are safe: the store was put back exactly as it was before the update (a copy is kept at %1). Please go back to the previous version of Outpost and contact technical support with the log file.</source>
        <translation>前哨解纷未能将案件库升级到当前版本。您的案件没有丢失：案件库已恢复到升级前的原样（备份保存在 %1）。请先换回之前的版本使用，并把日志文件发给技术支持。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="741" />
        <source>Saving the case; close again when done.</source>
        <translation>正在保存案件，保存完成后请再关闭。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/messages.py" line="29" />
        <location filename="../../desktop/messages.py" line="45" />
        <location filename="../../desktop/messages.py" line="103" />
        <source>Outpost</source>
        <translation>前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="57" />
        <source>The case store on this computer could not be written (the disk may be full or the file locked). Nothing already saved is lost. Free some disk space, close other copies of Outpost, then try again.</source>
        <translation>无法写入本电脑上的案件库（磁盘可能已满，或文件被占用）。已保存的内容没有丢失。请清理磁盘空间、关闭其他正在运行的前哨解纷，然后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="64" />
        <source>A file could not be read or written: %1. Nothing already saved is lost. Check the disk and try again.</source>
        <translation>无法读写文件：%1。已保存的内容没有丢失。请检查磁盘后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="74" />
        <source>Outpost is already running with this data folder. Switch to the open window (it may be minimised); only one copy at a time can keep the cases safe.</source>
        <translation>前哨解纷已经在运行，使用的是同一个数据文件夹。请切换到已打开的窗口（它可能被最小化了）；同一时间只能运行一个前哨解纷，才能保证案件安全。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="95" />
        <source>Outpost met an unexpected error. Cases that were already saved are safe. Please restart Outpost and send the log file to your technical support: %1</source>
        <translation>前哨解纷遇到意外错误。已保存的案件是安全的。请重新启动前哨解纷，并把日志文件发给技术支持：%1</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../desktop/deskforms.py" line="180" />
        <source>Joint consultation</source>
        <translation>联合会诊</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="180" />
        <source>Handling note</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="184" />
        <source>What was done or agreed</source>
        <translation>办理情况或会商意见</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="186" />
        <source>Parties and departments present, separated by 、</source>
        <translation>参加的当事人和部门，用“、”分隔</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="187" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="189" />
        <source>Present</source>
        <translation>参加人员</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <location filename="../../desktop/options.py" line="41" />
        <source>Language (takes effect after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="45" />
        <source>Cases fetched per page</source>
        <translation>每页加载案件数</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="48" />
        <source>Town server address</source>
        <translation>镇服务器地址</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="51" />
        <source>CA certificate of the town server (if it has its own)</source>
        <translation>镇服务器的 CA 证书（如使用自有证书）</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="56" />
        <source>Lock after this many minutes without use</source>
        <translation>无操作多少分钟后自动锁定</translation>
    </message>
</context>
<context>
    <name>PartiesStep</name>
    <message>
        <location filename="../../desktop/wizardpages.py" line="52" />
        <source>Add a party</source>
        <translation>添加当事人</translation>
    </message>
</context>
<context>
    <name>PartyEditor</name>
    <message>
        <location filename="../../desktop/caseform.py" line="63" />
        <source>Remove this party</source>
        <translation>删除此当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="76" />
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="77" />
        <source>Role *</source>
        <translation>角色 *</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="78" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="79" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="80" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="88" />
        <source>Party %1</source>
        <translation>当事人 %1</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <location filename="../../desktop/statistics.py" line="111" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="111" />
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="112" />
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="112" />
        <source>From – to</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="121" />
        <source>Period</source>
        <translation>统计期</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="179" />
        <source>The first day is after the last day.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
</context>
<context>
    <name>ProtectDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="443" />
        <source>Protect the records with a password</source>
        <translation>用密码保护记录</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="446" />
        <source>This version of Outpost protects the records on this laptop with a password: the case store is encrypted, and Outpost asks for a login at every start. %1, choose your login name and password. Keep the password safe: without it the records cannot be opened.</source>
        <translation>此版本的前哨解纷用密码保护本电脑上的记录：案件库将被加密，每次启动都需要登录。%1，请设置您的登录名和密码。请牢记密码：没有密码就无法打开记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="455" />
        <source>Quit Outpost</source>
        <translation>退出前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="461" />
        <source>Protect and open</source>
        <translation>加密并打开</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="467" />
        <source>Encrypting the records…</source>
        <translation>正在加密记录…</translation>
    </message>
</context>
<context>
    <name>ProvisionedFirstRunDialog</name>
    <message>
        <location filename="../../desktop/firstrun.py" line="158" />
        <source>This laptop is prepared for %1. Enter your name and the one-time enrollment code from the town administrator; the laptop then connects to the town server. Without a code, leave it empty: work offline and enroll later in Settings.</source>
        <translation>本电脑已预置为%1使用。请输入您的姓名和镇管理员提供的一次性注册码，电脑随后连接镇服务器。暂无注册码可留空：先离线工作，之后在“设置”中注册。</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="166" />
        <source>One-time code from the town administrator</source>
        <translation>镇管理员提供的一次性注册码</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="169" />
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="170" />
        <source>Village / community</source>
        <translation>村 / 社区</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="171" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <location filename="../../desktop/wizardpages.py" line="193" />
        <source>Please choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="197" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="210" />
        <source>Required: say which (e.g. the court, the evidence)</source>
        <translation>必填：请写明具体情况（如受理机关、证据名称）</translation>
    </message>
    <message>
        <location filename="../../desktop/wizardpages.py" line="211" />
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../desktop/deskforms.py" line="231" />
        <source>Return with instructions</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="233" />
        <source>What the level below should do</source>
        <translation>下级应如何继续办理</translation>
    </message>
    <message>
        <location filename="../../desktop/deskforms.py" line="234" />
        <source>Instructions</source>
        <translation>退回意见</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/pages.py" line="26" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="35" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="53" />
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="54" />
        <source>Village / community</source>
        <translation>村 / 社区</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="55" />
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="77" />
        <source>The new language is used from the next start of Outpost.</source>
        <translation>新的界面语言将在下次启动前哨解纷时生效。</translation>
    </message>
</context>
<context>
    <name>StartGate</name>
    <message>
        <location filename="../../desktop/login.py" line="622" />
        <source>The key file of this laptop (keys.json) is damaged. The case store is encrypted and can only be opened with that file, so nothing can be opened now.</source>
        <translation>本电脑的密钥文件（keys.json）已损坏。案件库是加密的，只能凭这个文件打开，所以现在无法打开任何记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="627" />
        <source>The key file of this laptop (keys.json) is missing. The case store is encrypted and can only be opened with that file, so nothing can be opened now.</source>
        <translation>本电脑的密钥文件（keys.json）丢失了。案件库是加密的，只能凭这个文件打开，所以现在无法打开任何记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="634" />
        <source>If there is a copy of keys.json (for example in a backup of the data folder %1), quit, put it back in that folder and start Outpost again. Otherwise set the store aside and start afresh with an empty store: the old store is kept, not deleted, and the cases already sent to the town server come back once this laptop is enrolled again.</source>
        <translation>如果有 keys.json 的副本（例如在数据文件夹 %1 的备份中），请退出，把它放回该文件夹后重新启动前哨解纷。否则可以把旧案件库另存一边，用空的案件库重新开始：旧案件库会保留，不会删除；已发送到镇服务器的案件在本电脑重新注册后会同步回来。</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="641" />
        <source>The records cannot be opened</source>
        <translation>无法打开记录</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="643" />
        <source>Set aside and start afresh</source>
        <translation>另存旧库并重新开始</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="645" />
        <source>Quit Outpost</source>
        <translation>退出前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="659" />
        <source>The old store was set aside at %1. Outpost now starts with an empty store.</source>
        <translation>旧案件库已另存到 %1。前哨解纷现在用空的案件库开始。</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../desktop/statistics.py" line="266" />
        <location filename="../../desktop/statistics.py" line="323" />
        <source>Cases received</source>
        <translation>登记案件数</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="267" />
        <location filename="../../desktop/statistics.py" line="323" />
        <source>Cases accepted</source>
        <translation>受理案件数</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="268" />
        <location filename="../../desktop/statistics.py" line="324" />
        <source>Cases closed</source>
        <translation>办结案件数</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="307" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="314" />
        <source>Computing…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="324" />
        <source>Closure rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="325" />
        <source>Mediation success rate</source>
        <translation>调解成功率</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="326" />
        <source>Handling time</source>
        <translation>调处时间</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="327" />
        <source>Resolved at village / town / district</source>
        <translation>村级 / 镇级 / 区级化解占比</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="328" />
        <source>Overdue cases</source>
        <translation>超期案件</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="424" />
        <source>%1 · %2 to %3</source>
        <translation>%1 · %2 至 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="436" />
        <source>Agreements %1 · terminations %2</source>
        <translation>达成协议 %1 · 终止调解 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="442" />
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="443" />
        <source>Median; mean %1 days</source>
        <translation>中位数；平均 %1 天</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="450" />
        <source>Open past the deadline %1 · closed late %2</source>
        <translation>超期未办结 %1 · 超期办结 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="458" />
        <source>By dispute type</source>
        <translation>按纠纷类型</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="461" />
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="462" />
        <source>Cases closed, by level</source>
        <translation>办结案件（按层级）</translation>
    </message>
    <message>
        <location filename="../../desktop/statistics.py" line="463" />
        <source>By village</source>
        <translation>按村（社区）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/statistics.py" line="472" />
        <source>Follow-up survey (%n visit(s))</source>
        <translation>
            <numerusform>回访满意度（%n 次回访）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../desktop/stepdialog.py" line="30" />
        <source>Record the step “%1”</source>
        <translation>记录步骤“%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/stepdialog.py" line="39" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/stepdialog.py" line="48" />
        <source>This step needs nothing more: record it as done.</source>
        <translation>此步骤无需填写内容，直接记录为已完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/stepdialog.py" line="53" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/stepdialog.py" line="55" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/stepdialog.py" line="89" />
        <source>Please fill in: %1</source>
        <translation>请填写：%1</translation>
    </message>
</context>
<context>
    <name>StepsTab</name>
    <message>
        <location filename="../../desktop/casetabs.py" line="149" />
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="149" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="149" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="150" />
        <source>Recorded</source>
        <translation>记录内容</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="151" />
        <location filename="../../desktop/casetabs.py" line="202" />
        <source>Record the chosen step…</source>
        <translation>记录所选步骤…</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="185" />
        <source>%1 of %2 steps settled</source>
        <translation>共 %2 个步骤，已办结 %1 个</translation>
    </message>
    <message>
        <location filename="../../desktop/casetabs.py" line="200" />
        <source>Log the follow-up visit…</source>
        <translation>登记回访…</translation>
    </message>
</context>
<context>
    <name>StoryView</name>
    <message>
        <location filename="../../desktop/desk.py" line="75" />
        <source>Sent to %1 by %2 on %3</source>
        <translation>%2 于 %3 上报 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="84" />
        <source>Accept by %1 · close by %2</source>
        <translation>接单时限 %1 · 结单时限 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="90" />
        <source>Not accepted in time.</source>
        <translation>未按时接单。</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="92" />
        <source>Past the deadline for closing.</source>
        <translation>已超过结单时限。</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="94" />
        <source>Two status changes conflict: settle it on the case page.</source>
        <translation>两处状态变更相互冲突：请在案件页面处理。</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="110" />
        <source>to %1</source>
        <translation>派往 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="112" />
        <source>present: %1</source>
        <translation>参加：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="118" />
        <source>after the escalation was finished, without effect</source>
        <translation>办结后提交，未生效</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../desktop/synccontrol.py" line="300" />
        <source>The town server cannot be reached now. Nothing is lost: every change waits on this laptop and is sent at the next sync. Check the network, or try later.</source>
        <translation>暂时连不上镇服务器。数据不会丢失：所有改动都保存在本电脑上，下次同步时发送。请检查网络，或稍后再试。</translation>
    </message>
    <message>
        <location filename="../../desktop/synccontrol.py" line="306" />
        <source>This enrollment code is for another village or community than the one this laptop serves. Nothing was changed. Ask for a code for this village.</source>
        <translation>这个注册码属于另一个村（社区），与本电脑服务的村（社区）不符。未作任何改动。请索取本村的注册码。</translation>
    </message>
    <message>
        <location filename="../../desktop/synccontrol.py" line="313" />
        <source>The town server no longer accepts this laptop (it was revoked or its enrollment is unknown). Nothing is lost: the changes stay on this laptop. Ask the town administrator for a new enrollment code.</source>
        <translation>镇服务器不再接受本电脑（已被注销或注册信息无效）。数据不会丢失：改动仍保存在本电脑上。请向镇管理员索取新的注册码。</translation>
    </message>
    <message>
        <location filename="../../desktop/synccontrol.py" line="319" />
        <source>This version of Outpost is too old for the town server. Nothing is lost. Please install the newest version, then sync again.</source>
        <translation>本电脑上的前哨解纷版本过旧，镇服务器不再支持。数据不会丢失。请安装最新版本后再同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/synccontrol.py" line="324" />
        <source>The enrollment code is wrong, already used or expired. Ask the town administrator for a new one.</source>
        <translation>注册码有误、已被使用或已过期。请向镇管理员索取新的注册码。</translation>
    </message>
    <message>
        <location filename="../../desktop/synccontrol.py" line="329" />
        <source>A training laptop cannot sync with a real town server.</source>
        <translation>培训用电脑不能与正式的镇服务器同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/synccontrol.py" line="335" />
        <source>Sync did not finish (%1). Nothing is lost: what was not sent waits on this laptop. Try again later; if it keeps failing, tell technical support.</source>
        <translation>同步未完成（%1）。数据不会丢失：未发送的内容仍保存在本电脑上。请稍后再试；如果一直失败，请联系技术支持。</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../desktop/syncpanel.py" line="50" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="61" />
        <source>Not enrolled with a town server</source>
        <translation>尚未注册到镇服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="63" />
        <source>Looking for the town server…</source>
        <translation>正在连接镇服务器…</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="65" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="65" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="67" />
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="80" />
        <source>Sending %v/%m</source>
        <translation>正在发送 %v/%m</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="80" />
        <source>Receiving %v</source>
        <translation>正在接收 %v</translation>
    </message>
</context>
<context>
    <name>SyncSettings</name>
    <message>
        <location filename="../../desktop/syncpanel.py" line="90" />
        <source>Town server</source>
        <translation>镇服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="99" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="102" />
        <source>One-time code from the town administrator</source>
        <translation>镇管理员提供的一次性注册码</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="103" />
        <source>Enroll this laptop</source>
        <translation>注册本电脑</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="110" />
        <source>No sync yet.</source>
        <translation>尚未同步过。</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="118" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="119" />
        <location filename="../../desktop/syncpanel.py" line="126" />
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="120" />
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="122" />
        <source>Sync log</source>
        <translation>同步记录</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="126" />
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="135" />
        <source>Enter the server address and the enrollment code.</source>
        <translation>请填写服务器地址和注册码。</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="139" />
        <source>Enrolling…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="155" />
        <source>%1: sent %2, received %3</source>
        <translation>%1：发送 %2 条，接收 %3 条</translation>
    </message>
    <message>
        <location filename="../../desktop/syncpanel.py" line="161" />
        <source>did not finish: %1</source>
        <translation>未完成：%1</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../desktop/training.py" line="81" />
        <source>[Training]</source>
        <translation>【培训模式】</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../desktop/training.py" line="43" />
        <source>Training mode — data is never reported</source>
        <translation>培训模式 — 数据不会上报</translation>
    </message>
    <message>
        <location filename="../../desktop/training.py" line="53" />
        <source>Reset training data…</source>
        <translation>重置培训数据…</translation>
    </message>
    <message>
        <location filename="../../desktop/training.py" line="60" />
        <source>Reset training data</source>
        <translation>重置培训数据</translation>
    </message>
    <message>
        <location filename="../../desktop/training.py" line="62" />
        <source>Delete every case, visit and draft of this training profile and fill it again with the sample cases? Real cases are not touched: they are kept apart from training.</source>
        <translation>删除本培训环境中的全部案件、走访和草稿，并重新填入示例案件？真实案件不受影响：它们与培训数据分开保存。</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../desktop/visitform.py" line="87" />
        <source>Log a visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="94" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="96" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="113" />
        <source>Not linked to a case</source>
        <translation>未关联案件</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="124" />
        <source>Who was there</source>
        <translation>在场人员</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="127" />
        <source>What was seen and said</source>
        <translation>走访所见所闻</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="130" />
        <source>Plan a next visit</source>
        <translation>安排下次走访</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="140" />
        <source>Record a dispute from what was found</source>
        <translation>发现纠纷，登记案件</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="151" />
        <source>Satisfaction survey</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="156" />
        <source>Please choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="164" />
        <source>What the parties said about the mediation</source>
        <translation>当事人对调处工作的意见</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="166" />
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="173" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="173" />
        <source>Kind *</source>
        <translation>类型 *</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="174" />
        <source>Date *</source>
        <translation>日期 *</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="174" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="175" />
        <source>People present</source>
        <translation>在场人员</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="175" />
        <source>Notes *</source>
        <translation>走访记录 *</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="176" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="176" />
        <source>Next visit</source>
        <translation>下次走访</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="298" />
        <source>Discard this visit?</source>
        <translation>放弃这条走访记录吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/visitform.py" line="299" />
        <source>What you typed has not been saved. Discard it?</source>
        <translation>填写的内容尚未保存。确定放弃吗？</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <location filename="../../desktop/visits.py" line="37" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/visits.py" line="37" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/visits.py" line="37" />
        <source>Case or place</source>
        <translation>案件或地点</translation>
    </message>
    <message>
        <location filename="../../desktop/visits.py" line="37" />
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/visits.py" line="38" />
        <source>Next visit</source>
        <translation>下次走访</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../desktop/visits.py" line="81" />
        <source>Log a visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <location filename="../../desktop/visits.py" line="95" />
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/visits.py" line="125" />
        <source>%n visit(s)</source>
        <translation>
            <numerusform>共 %n 次走访</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/visits.py" line="125" />
        <source>No visits logged yet.</source>
        <translation>还没有走访记录。</translation>
    </message>
</context>
<context>
    <name>WorklistPage</name>
    <message>
        <location filename="../../desktop/worklist.py" line="80" />
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="81" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="85" />
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="85" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="85" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="85" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="135" />
        <source>Workbench — %1</source>
        <translation>工作台 — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="141" />
        <source>The worklist needs the checklists, which cannot be used now (see the message shown at start-up). Cases already recorded are safe.</source>
        <translation>工作台需要用到清单，但清单目前无法使用（见启动时的提示）。已登记的案件安全无损。</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="150" />
        <source>Past the deadline: escalate to the town? (%1)</source>
        <translation>已超期，建议上报镇（街道）（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="151" />
        <source>Process steps due (%1)</source>
        <translation>到期的流程步骤（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="152" />
        <source>Follow-up visits due (%1)</source>
        <translation>到期的回访（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="153" />
        <source>Planned visits due (%1)</source>
        <translation>到期的计划走访（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="154" />
        <source>Case deadlines (%1)</source>
        <translation>案件办理期限（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="155" />
        <source>Unfinished drafts (%1)</source>
        <translation>未完成的草稿（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="179" />
        <source>Nothing due</source>
        <translation>暂无待办</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="188" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist.py" line="188" />
        <source>Saved %1</source>
        <translation>保存于 %1</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../desktop/deskforms.py" line="92" />
        <source>The case has moved on meanwhile; close this form and look again.</source>
        <translation>案件状态已有变化，请关闭此窗口后重新查看。</translation>
    </message>
</context>
</TS>