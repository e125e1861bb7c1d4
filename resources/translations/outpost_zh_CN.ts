<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../desktop/casepage.py" line="52" />
        <source>← Back to the case list</source>
        <translation>← 返回案件列表</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="60" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="60" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="60" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="60" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="61" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="71" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="71" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="71" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="77" />
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="78" />
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="87" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="91" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="93" />
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="95" />
        <source>New status:</source>
        <translation>新状态：</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="99" />
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="121" />
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="124" />
        <source>Status: %1 · Type: %2 · Level: %3 · Priority: %4 · Village: %5 · Received: %6</source>
        <translation>状态：%1 · 类型：%2 · 层级：%3 · 优先级：%4 · 村社：%5 · 登记时间：%6</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="132" />
        <source>Facts: %1</source>
        <translation>纠纷事实：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="134" />
        <source>Claims: %1</source>
        <translation>当事人诉求：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="159" />
        <source>Status: %1 → %2</source>
        <translation>状态：%1 → %2</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="190" />
        <source>Change the status?</source>
        <translation>变更案件状态？</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="191" />
        <source>Change this case to “%1”? This step cannot be undone.</source>
        <translation>确定将案件变更为“%1”吗？此步骤不能撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="201" />
        <source>Only the town or district handling this case can move it from “%1” to “%2”. Nothing was changed.</source>
        <translation>只有承办此案件的镇（街道）或区矛调中心才能将它从“%1”变更为“%2”。案件未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop/casepage.py" line="210" />
        <source>This case cannot move from “%1” to “%2”. Nothing was changed.</source>
        <translation>案件不能从“%1”变更为“%2”。案件未作任何改动。</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../desktop/caselist.py" line="65" />
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="66" />
        <source>Received</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="67" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="68" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="69" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/caselist.py" line="70" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
</context>
<context>
    <name>CasesSection</name>
    <message>
        <location filename="../../desktop/mainwindow.py" line="57" />
        <source>Record a dispute</source>
        <translation>登记纠纷</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="60" />
        <source>Loading cases…</source>
        <translation>正在加载案件…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="114" />
        <source>No cases yet. Use “Record a dispute” to add one.</source>
        <translation>还没有案件。点击“登记纠纷”添加第一件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/mainwindow.py" line="116" />
        <source>%n case(s) shown</source>
        <translation>
            <numerusform>已显示 %n 件案件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/firstrun.py" line="31" />
        <source>Welcome to Outpost</source>
        <translation>欢迎使用前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="35" />
        <source>Before the first case, tell Outpost who works on this laptop and which village or community it serves. Cases recorded here belong to that village.</source>
        <translation>登记第一件案件之前，请填写使用本电脑的网格员姓名，并选择本电脑服务的村（社区）。在本电脑登记的案件都属于该村（社区）。</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="42" />
        <source>Your full name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="52" />
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="54" />
        <source>Quit Outpost</source>
        <translation>退出前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="59" />
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="60" />
        <source>Town / subdistrict</source>
        <translation>镇 / 街道</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="61" />
        <source>Village / community</source>
        <translation>村 / 社区</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="88" />
        <source>Please enter your name.</source>
        <translation>请填写您的姓名。</translation>
    </message>
    <message>
        <location filename="../../desktop/firstrun.py" line="90" />
        <source>Please choose your village or community.</source>
        <translation>请选择您所在的村或社区。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/labels.py" line="23" />
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="24" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="25" />
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="26" />
        <source>Agreement reached</source>
        <translation>达成调解协议</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="27" />
        <source>Mediation terminated</source>
        <translation>调解终止</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="28" />
        <source>Being performed</source>
        <translation>履行中</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="29" />
        <source>Followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="30" />
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="31" />
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="32" />
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="42" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="43" />
        <source>Respondent</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="53" />
        <source>Marriage and family</source>
        <translation>婚姻家庭</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="54" />
        <source>Neighbours</source>
        <translation>邻里</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="55" />
        <source>Housing and homestead</source>
        <translation>房屋宅基地</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="56" />
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="57" />
        <source>Production and business</source>
        <translation>生产经营</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="58" />
        <source>Compensation for damage</source>
        <translation>损害赔偿</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="59" />
        <source>Forest and land</source>
        <translation>山林土地</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="60" />
        <source>Land expropriation and demolition</source>
        <translation>征地拆迁</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="61" />
        <source>Environmental pollution</source>
        <translation>环境污染</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="62" />
        <source>Labour dispute</source>
        <translation>劳动争议</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="63" />
        <source>Medical</source>
        <translation>医疗</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="64" />
        <source>Property management</source>
        <translation>物业</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="65" />
        <source>Road traffic accident</source>
        <translation>道路交通事故</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="66" />
        <source>Consumer</source>
        <translation>消费</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="67" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="77" />
        <source>Routine</source>
        <translation>小事快办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="78" />
        <source>Urgent</source>
        <translation>急事速办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="79" />
        <source>Hard, joint handling</source>
        <translation>难事联办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="89" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="90" />
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="91" />
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="101" />
        <source>Case recorded</source>
        <translation>登记案件</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="102" />
        <source>Status changed</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="112" />
        <source>Required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="113" />
        <source>Too long; please shorten it.</source>
        <translation>内容过长，请删减。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="114" />
        <source>Please choose from the list.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="115" />
        <source>At least one party must be an applicant.</source>
        <translation>至少要有一位当事人是申请人。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="116" />
        <source>Not a valid phone number: use an 11-digit mobile number or a landline with area code.</source>
        <translation>电话号码无效：请填写 11 位手机号码，或带区号的固定电话。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="120" />
        <source>An ID number has 18 characters.</source>
        <translation>身份证号应为 18 位。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="121" />
        <source>An ID number is 17 digits followed by a digit or X.</source>
        <translation>身份证号由 17 位数字加最后一位数字或 X 组成。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="124" />
        <source>The first two digits are not a province code.</source>
        <translation>前两位不是有效的省份代码。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="125" />
        <source>Digits 7 to 14 are not a real date of birth.</source>
        <translation>第 7 至 14 位不是有效的出生日期。</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="128" />
        <source>The check digit does not match; please check the number.</source>
        <translation>校验位不符，请核对号码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/mainwindow.py" line="152" />
        <source>Outpost — grassroots dispute resolution</source>
        <translation>前哨解纷 — 基层矛盾纠纷调处</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="180" />
        <source>Opening the case store…</source>
        <translation>正在打开案件库…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="187" />
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="188" />
        <source>It will list what is due today: deadlines, follow-up visits and cases waiting to be synced.</source>
        <translation>这里将列出今日待办：到期事项、回访和待同步的案件。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="190" />
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="191" />
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="192" />
        <source>It will log patrols, home visits and follow-up visits.</source>
        <translation>这里将记录网格巡查、上门听诊和回访。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="193" />
        <source>Escalation</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="194" />
        <source>It will send cases beyond the village to the town and show the town's answers.</source>
        <translation>这里将把超出村级职能的案件上报镇（街道），并显示镇里的处理结果。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="196" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="197" />
        <source>It will show cases received, closure rate, mediation success rate and handling time.</source>
        <translation>这里将显示受理数、办结率、调解成功率和调处时间。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="199" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="252" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="284" />
        <source>A checklist file has a mistake and there is no earlier good version of it, so the checklists cannot be used and new cases cannot go through intake. Cases already recorded are safe. Please have the checklist corrected:
%1</source>
        <translation>清单文件有误，且没有可用的旧版本，因此暂时无法使用清单，新案件不能办理受理手续。已登记的案件不受影响。请尽快修正清单文件：
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="278" />
        <source>A checklist file has a mistake and was not used; Outpost goes on with the last good version of it, so work can continue. Please tell the person who edited the checklists:
%1</source>
        <translation>清单文件有误，未被采用；前哨解纷继续使用该清单上次可用的版本，工作不受影响。请告知修改清单的人员：
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="300" />
        <source>%1 cases · %2 changes waiting to sync</source>
        <translation>共 %1 件案件 · %2 条记录待同步</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="310" />
        <source>This case store was made by a newer version of Outpost than the one installed, so it cannot be opened here. Nothing in it was changed. Please install the newest version of Outpost.</source>
        <translation>这个案件库由更新版本的前哨解纷创建，当前安装的版本较旧，无法打开。案件库没有任何改动。请安装最新版本的前哨解纷。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="317" />
        <source>Outpost could not update its case store to this version. Your cases are safe: the store was put back exactly as it was before the update (a copy is kept at %1). Please go back to the previous version of Outpost and contact technical support with the log file.</source>
        <translation>前哨解纷未能将案件库升级到当前版本。您的案件没有丢失：案件库已恢复到升级前的原样（备份保存在 %1）。请先换回之前的版本使用，并把日志文件发给技术支持。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="331" />
        <source>Saving the case; close again when done.</source>
        <translation>正在保存案件，保存完成后请再关闭。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/messages.py" line="29" />
        <location filename="../../desktop/messages.py" line="89" />
        <source>Outpost</source>
        <translation>前哨解纷</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="43" />
        <source>The case store on this computer could not be written (the disk may be full or the file locked). Nothing already saved is lost. Free some disk space, close other copies of Outpost, then try again.</source>
        <translation>无法写入本电脑上的案件库（磁盘可能已满，或文件被占用）。已保存的内容没有丢失。请清理磁盘空间、关闭其他正在运行的前哨解纷，然后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="50" />
        <source>A file could not be read or written: %1. Nothing already saved is lost. Check the disk and try again.</source>
        <translation>无法读写文件：%1。已保存的内容没有丢失。请检查磁盘后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="60" />
        <source>Outpost is already running with this data folder. Switch to the open window (it may be minimised); only one copy at a time can keep the cases safe.</source>
        <translation>前哨解纷已经在运行，使用的是同一个数据文件夹。请切换到已打开的窗口（它可能被最小化了）；同一时间只能运行一个前哨解纷，才能保证案件安全。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="81" />
        <source>Outpost met an unexpected error. Cases that were already saved are safe. Please restart Outpost and send the log file to your technical support: %1</source>
        <translation>前哨解纷遇到意外错误。已保存的案件是安全的。请重新启动前哨解纷，并把日志文件发给技术支持：%1</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <location filename="../../desktop/options.py" line="38" />
        <source>Language (takes effect after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/options.py" line="42" />
        <source>Cases fetched per page</source>
        <translation>每页加载案件数</translation>
    </message>
</context>
<context>
    <name>PartyEditor</name>
    <message>
        <location filename="../../desktop/caseform.py" line="74" />
        <source>Remove this party</source>
        <translation>删除此当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="87" />
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="88" />
        <source>Role *</source>
        <translation>角色 *</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="89" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="90" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="91" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="99" />
        <source>Party %1</source>
        <translation>当事人 %1</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../desktop/pages.py" line="19" />
        <source>This page is not ready yet.</source>
        <translation>此页面尚未开放。</translation>
    </message>
</context>
<context>
    <name>RecordCaseDialog</name>
    <message>
        <location filename="../../desktop/caseform.py" line="135" />
        <source>Record a dispute</source>
        <translation>登记纠纷</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="142" />
        <source>Add a party</source>
        <translation>添加当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="145" />
        <source>Please choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="150" />
        <source>What happened, between whom, since when</source>
        <translation>发生了什么、双方是谁、从何时开始</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="153" />
        <source>What each party asks for</source>
        <translation>各方当事人的请求</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="161" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="163" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="178" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="187" />
        <source>The dispute</source>
        <translation>纠纷情况</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="189" />
        <source>Dispute type *</source>
        <translation>纠纷类型 *</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="190" />
        <source>Facts *</source>
        <translation>纠纷事实 *</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="191" />
        <source>Claims</source>
        <translation>当事人诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="290" />
        <source>Discard this dispute?</source>
        <translation>放弃登记？</translation>
    </message>
    <message>
        <location filename="../../desktop/caseform.py" line="291" />
        <source>What you typed has not been saved. Discard it?</source>
        <translation>填写的内容尚未保存。确定放弃吗？</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/pages.py" line="33" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="51" />
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="52" />
        <source>Village / community</source>
        <translation>村 / 社区</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="53" />
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/pages.py" line="67" />
        <source>The new language is used from the next start of Outpost.</source>
        <translation>新的界面语言将在下次启动前哨解纷时生效。</translation>
    </message>
</context>
</TS>