<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchCasesModel</name>
    <message>
        <location filename="../handover_page.py" line="243" />
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="244" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="245" />
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="246" />
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="247" />
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>BatchesModel</name>
    <message>
        <location filename="../handover_page.py" line="188" />
        <source>Batch no.</source>
        <translation>清单编号</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="189" />
        <source>Village point</source>
        <translation>代办点</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="190" />
        <source>Agent</source>
        <translation>代办员</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="191" />
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="192" />
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="210" />
        <source>not yet</source>
        <translation>未补齐</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="211" />
        <source>{name}, {time}</source>
        <translation>{name},{time}</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="215" />
        <source>Made {time}</source>
        <translation>生成于 {time}</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <location filename="../case_detail.py" line="90" />
        <source>opened</source>
        <translation>建立办件</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="91" />
        <source>questions answered</source>
        <translation>选择情形</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="92" />
        <source>materials checked</source>
        <translation>核对材料</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="93" />
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="94" />
        <source>tolerant acceptance</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="95" />
        <source>one-time notice</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="96" />
        <source>rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="97" />
        <source>processing started</source>
        <translation>开始承办</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="98" />
        <source>suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="99" />
        <source>resumed</source>
        <translation>恢复办理</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="100" />
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="101" />
        <source>completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="102" />
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="103" />
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="104" />
        <source>promised materials arrived</source>
        <translation>承诺材料已补齐</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="113" />
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="114" />
        <source>decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="115" />
        <source>delivered by</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="116" />
        <source>received</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="117" />
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="118" />
        <source>promised</source>
        <translation>承诺补齐</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="119" />
        <source>materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="120" />
        <source>promised by</source>
        <translation>承诺补齐日期</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="121" />
        <source>due date</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="122" />
        <source>suspended on</source>
        <translation>挂起日期</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="123" />
        <source>paused working days</source>
        <translation>暂停工作日数</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="124" />
        <source>answers</source>
        <translation>情形</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="125" />
        <source>item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="126" />
        <source>catalog version</source>
        <translation>指南版本</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="127" />
        <source>legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="128" />
        <source>competent body</source>
        <translation>有权机关</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="150" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="151" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="519" />
        <source>Tracking no.:</source>
        <translation>办件编号:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="520" />
        <source>Query code:</source>
        <translation>查询码:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="521" />
        <source>State:</source>
        <translation>状态:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="522" />
        <source>Service item:</source>
        <translation>办理事项:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="523" />
        <source>Applicant:</source>
        <translation>申请人:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="524" />
        <source>First-contact clerk:</source>
        <translation>首问责任人:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="526" />
        <source>Acting for the applicant:</source>
        <translation>代理人:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="527" />
        <source>Letter of authorisation:</source>
        <translation>授权委托书:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="528" />
        <source>Accepted on:</source>
        <translation>受理日期:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="529" />
        <source>Due date:</source>
        <translation>承诺办结日期:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="530" />
        <source>Materials promised by:</source>
        <translation>承诺补齐日期:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="531" />
        <source>Rejected because:</source>
        <translation>不予受理理由:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="533" />
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="543" />
        <location filename="../case_detail.py" line="809" />
        <source>Start processing</source>
        <translation>开始承办</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="544" />
        <source>Suspend...</source>
        <translation>挂起...</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="545" />
        <source>Decide...</source>
        <translation>作出决定...</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="546" />
        <source>Complete</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="547" />
        <source>Deliver the result...</source>
        <translation>送达结果...</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="548" />
        <source>Withdraw...</source>
        <translation>撤回...</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="549" />
        <source>Materials arrived...</source>
        <translation>材料已补齐...</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="569" />
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="585" />
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="598" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="601" />
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="604" />
        <source>Make documents</source>
        <translation>生成文书</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="610" />
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="674" />
        <source>Loading...</source>
        <translation>正在加载...</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="732" />
        <source>{name} ({code}, catalog {version})</source>
        <translation>{name}({code},指南版本 {version})</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="739" />
        <source>{name}, window {window}</source>
        <translation>{name},{window}号窗口</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="752" />
        <source>{date} (provisional: the holiday schedule for {years} is not published yet)</source>
        <translation>{date}(暂定:{years}年节假日安排尚未公布)</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="755" />
        <source>Immediate item: completed at the counter</source>
        <translation>即办件:当场办结</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="762" />
        <source>Legal basis: {basis}</source>
        <translation>法律依据:{basis}</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="766" />
        <source>Turn to: {body}</source>
        <translation>请向 {body} 申请</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="775" />
        <source>contact {name}</source>
        <translation>联系人 {name}</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="777" />
        <source>phone {phone}</source>
        <translation>电话 {phone}</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="809" />
        <source>Resume</source>
        <translation>恢复办理</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="847" />
        <source>Unexpected error: {error}</source>
        <translation>意外错误:{error}</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="906" />
        <source>Reprint {count} of the document made.</source>
        <translation>已生成第 {count} 次补打文书。</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="965" />
        <source>Case {number} is now {state}.</source>
        <translation>办件 {number} 现为"{state}"。</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1002" />
        <source>Suspend the case</source>
        <translation>挂起办件</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1003" />
        <source>Why is the clock paused (hearing, inspection, expert review)?</source>
        <translation>为何暂停计时(听证、现场核查、专家评审)?</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1012" />
        <source>Decide the case</source>
        <translation>作出决定</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1013" />
        <source>What was decided?</source>
        <translation>作出了什么决定?</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1026" />
        <source>Deliver the result</source>
        <translation>送达结果</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1027" />
        <source>How did the applicant get the result?</source>
        <translation>办理结果如何送达申请人?</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1030" />
        <source>Collected at the counter</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1031" />
        <source>Sent by post</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1032" />
        <source>Sent electronically</source>
        <translation>电子送达</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1039" />
        <source>Withdraw the case</source>
        <translation>撤回办件</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="1040" />
        <source>Why is the application withdrawn?</source>
        <translation>撤回申请的原因是什么?</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../case_list_model.py" line="116" />
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="117" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="118" />
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="119" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="120" />
        <source>Due</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="121" />
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="153" />
        <source>Provisional: next year's holiday schedule is not published yet</source>
        <translation>暂定:次年节假日安排尚未公布</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <location filename="../case_list_model.py" line="34" />
        <source>consulted</source>
        <translation>咨询中</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="35" />
        <source>notice issued</source>
        <translation>已一次性告知</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="36" />
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="37" />
        <source>tolerant-accepted</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="38" />
        <source>rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="39" />
        <source>in progress</source>
        <translation>承办中</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="40" />
        <source>suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="41" />
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="42" />
        <source>completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="43" />
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../case_list_model.py" line="44" />
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>CatalogBrowser</name>
    <message>
        <location filename="../catalog_browser.py" line="77" />
        <source>Conditions</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="78" />
        <source>None stated.</source>
        <translation>未载明。</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="79" />
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="81" />
        <source>No materials are needed.</source>
        <translation>无需提交材料。</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="84" />
        <source>Situation questions</source>
        <translation>办理情形</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="86" />
        <source>Time limits</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="88" />
        <source>Immediate item: completed at the counter.</source>
        <translation>即办件:当场办结。</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="92" />
        <source>Statutory</source>
        <translation>法定时限</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="93" />
        <source>Promised</source>
        <translation>承诺时限</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="94" />
        <source>Fee</source>
        <translation>收费</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="95" />
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="96" />
        <source>At this counter</source>
        <translation>本窗口办理</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="98" />
        <source>A village agent may take it</source>
        <translation>可由村代办员代办</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="101" />
        <source>Tolerant acceptance allowed</source>
        <translation>可容缺受理</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="108" />
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="114" />
        <source>village agency point</source>
        <translation>村便民服务代办点</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="115" />
        <source>township service centre</source>
        <translation>乡镇便民服务中心</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="116" />
        <source>county service hall</source>
        <translation>县级政务服务中心</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="123" />
        <source>{question} = yes</source>
        <translation>{question}:是</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="128" />
        <source>{question} = no</source>
        <translation>{question}:否</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="134" />
        <source>always</source>
        <translation>必需</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="135" />
        <source>only if {conditions}</source>
        <translation>仅当{conditions}时需要</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="145" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="146" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="150" />
        <source>Item code</source>
        <translation>实施编码</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="151" />
        <source>Department</source>
        <translation>实施部门</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="152" />
        <source>Kind</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="154" />
        <source>Handled at</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="158" />
        <source>Catalog version</source>
        <translation>指南版本</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="173" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="174" />
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="175" />
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="176" />
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="177" />
        <source>Key</source>
        <translation>关键材料</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="178" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="179" />
        <source>Blank form</source>
        <translation>空白表格</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="180" />
        <source>Needed</source>
        <translation>何时需要</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="184" />
        <source>key</source>
        <translation>关键</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="200" />
        <source>Key materials are never waived, not even under tolerant acceptance.</source>
        <translation>关键材料在任何情况下(包括容缺受理)都不可缺少。</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="219" />
        <source>working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="221" />
        <source>calendar days</source>
        <translation>个自然日</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="236" />
        <source>basis: {basis}</source>
        <translation>依据:{basis}</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="285" />
        <source>低保 / dibao / dbsq / item code</source>
        <translation>低保 / dibao / dbsq / 事项编码</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="288" />
        <source>Chinese, pinyin, initials or item code; Down: the list; Enter: take the item</source>
        <translation>可输入汉字、全拼、首字母或事项编码;↓:进入列表;回车:选定事项</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="296" />
        <source>Enter: take this item</source>
        <translation>回车:选定此事项</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="310" />
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="317" />
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="323" />
        <source>Usual text size</source>
        <translation>正常文字大小</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="329" />
        <source>Take this item</source>
        <translation>选定此事项</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="331" />
        <source>Take this item (Enter)</source>
        <translation>选定此事项 (回车)</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="343" />
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S):</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="404" />
        <source>{action} ({key})</source>
        <translation>{action} ({key})</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="420" />
        <source>Loading the catalog...</source>
        <translation>正在加载办事指南...</translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="433" />
        <source>Unexpected error: {error}</source>
        <translation>意外错误:{error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../catalog_browser.py" line="450" />
        <source>%n item(s)</source>
        <translation><numerusform>%n 个事项</numerusform></translation>
    </message>
    <message>
        <location filename="../catalog_browser.py" line="453" />
        <source>No service item matches.</source>
        <translation>没有匹配的事项。</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../checklist_model.py" line="89" />
        <source>key</source>
        <translation>关键</translation>
    </message>
    <message>
        <location filename="../checklist_model.py" line="89" />
        <source>non-key</source>
        <translation>非关键</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../case_detail.py" line="273" />
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="274" />
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="275" />
        <source>Made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="276" />
        <source>Printed</source>
        <translation>打印次数</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../handover_page.py" line="328" />
        <source>Space: tick or untick the case</source>
        <translation>空格:勾选或取消该办件</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="338" />
        <source>e.g. 东关村便民服务代办点</source>
        <translation>例如:东关村便民服务代办点</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="341" />
        <source>Make &amp;handover list</source>
        <translation>制作移交清单(&amp;H)</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="344" />
        <source>Cases to carry to the township (ticked go on the list)</source>
        <translation>需送交乡镇的办件(勾选的列入清单)</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="348" />
        <source>&amp;Village point:</source>
        <translation>代办点(&amp;V):</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="355" />
        <source>My handover lists</source>
        <translation>我的移交清单</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="369" />
        <source>Type the batch number or scan the list's QR code, then Enter</source>
        <translation>输入清单编号或扫描清单二维码,然后回车</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="381" />
        <source>&amp;Receive</source>
        <translation>接收(&amp;R)</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="386" />
        <source>Handover list</source>
        <translation>移交清单</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="389" />
        <source>&amp;Batch:</source>
        <translation>清单编号(&amp;B):</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="398" />
        <source>Recent handover lists</source>
        <translation>近期移交清单</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="458" />
        <source>Tick the cases that go on the list first.</source>
        <translation>请先勾选要列入清单的办件。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="462" />
        <source>Enter the village point the list is made at.</source>
        <translation>请填写制作清单的代办点。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="467" />
        <source>Making the handover list...</source>
        <translation>正在制作移交清单...</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="485" />
        <source>Handover list {number} made: {count} cases, {materials} materials.</source>
        <translation>已制作移交清单 {number}:{count} 件,材料 {materials} 份。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="534" />
        <source>{number} from {point}, agent {agent}: {count} cases, {materials} materials.</source>
        <translation>{number}:来自{point},代办员{agent},{count} 件,材料 {materials} 份。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="543" />
        <source>Received by {name} at {time}.</source>
        <translation>由 {name} 于 {time} 接收。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="546" />
        <source>This list has already been received.</source>
        <translation>该清单已被接收。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="549" />
        <source>Check the folders against the list, then receive it (Ctrl+Enter).</source>
        <translation>请按清单核对材料袋,然后接收 (Ctrl+Enter)。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="558" />
        <source>Type or scan a batch number first.</source>
        <translation>请先输入或扫描清单编号。</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="577" />
        <source>Handover list {number} received: {count} cases.</source>
        <translation>已接收移交清单 {number}:{count} 件。</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../intake_panel.py" line="84" />
        <source>Type or read the ID number, then Enter</source>
        <translation>输入或读取身份证号,然后回车</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="91" />
        <source>Someone acts for the applicant (letter of authorisation)</source>
        <translation>委托他人代办(凭授权委托书)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="101" />
        <source>e.g. 授权委托书 2026-11-20, signed by the applicant</source>
        <translation>例如:授权委托书 2026-11-20,申请人已签字</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="106" />
        <source>Proxy ID number:</source>
        <translation>代理人身份证号:</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="107" />
        <source>Proxy name:</source>
        <translation>代理人姓名:</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="108" />
        <source>Letter of authorisation:</source>
        <translation>授权委托书:</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="116" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="118" />
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I):</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="119" />
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="120" />
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H):</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="127" />
        <source>低保 / dibao / dbsq / item code</source>
        <translation>低保 / dibao / dbsq / 事项编码</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="136" />
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="147" />
        <source>Y: yes, N: no</source>
        <translation>Y:是,N:否</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="148" />
        <source>Situation questions (Y / N)</source>
        <translation>情形选择(Y 是 / N 否)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="156" />
        <source>Space: received / missing; Ctrl+A: all received</source>
        <translation>空格:已收 / 缺少;Ctrl+A:全部已收</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="157" />
        <source>Materials (ticked = received)</source>
        <translation>申请材料(勾选 = 已收)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="161" />
        <source>&amp;Accept</source>
        <translation>受理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="164" />
        <source>&amp;Tolerant acceptance</source>
        <translation>容缺受理(&amp;T)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="167" />
        <source>One-time &amp;notice</source>
        <translation>一次性告知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="170" />
        <source>&amp;Reject</source>
        <translation>不予受理(&amp;R)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="172" />
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="311" />
        <source>New applicant: enter the name and phone.</source>
        <translation>新申请人:请录入姓名和电话。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="318" />
        <source>Known applicant.</source>
        <translation>已有申请人信息。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="323" />
        <source>Returning with a one-time notice: {numbers}. Press F4 to re-check.</source>
        <translation>持一次性告知书回来补正:{numbers}。按 F4 核验。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="344" />
        <source>Note: this ID card expired on {date}.</source>
        <translation>注意:该身份证已于 {date} 过期。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="374" />
        <source>(re-check of the one-time notice)</source>
        <translation>(一次性告知补正核验)</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="398" />
        <source>No service item matches.</source>
        <translation>没有匹配的事项。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="449" />
        <source>Case {number} opened.</source>
        <translation>已建办件 {number}。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="523" />
        <source>The case stands, but its document could not be made: {error}</source>
        <translation>办件已保存,但文书未能生成:{error}</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="528" />
        <source>Case {number}: {state}.</source>
        <translation>办件 {number}:{state}。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../main_window.py" line="64" />
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="66" />
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="87" />
        <source>Locked. {name}, enter your password to go on.</source>
        <translation>已锁屏。{name},请输入密码继续。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="103" />
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../login.py" line="33" />
        <source>ClerkDesk - log in</source>
        <translation>窗口受理台 - 登录</translation>
    </message>
    <message>
        <location filename="../login.py" line="35" />
        <source>ClerkDesk</source>
        <translation>窗口受理台</translation>
    </message>
    <message>
        <location filename="../login.py" line="48" />
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../login.py" line="51" />
        <source>Log in (Enter)</source>
        <translation>登录 (回车)</translation>
    </message>
    <message>
        <location filename="../login.py" line="62" />
        <source>&amp;Login:</source>
        <translation>账号(&amp;L):</translation>
    </message>
    <message>
        <location filename="../login.py" line="63" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P):</translation>
    </message>
    <message>
        <location filename="../login.py" line="83" />
        <source>Demo clerk: login {login}, password {password}</source>
        <translation>演示账号:{login},密码 {password}</translation>
    </message>
    <message>
        <location filename="../login.py" line="92" />
        <source>Enter your login and password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <location filename="../login.py" line="106" />
        <source>Wrong login or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="133" />
        <source>ClerkDesk - {centre} - window {window} - {name}</source>
        <translation>窗口受理台 - {centre} - {window}号窗口 - {name}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="144" />
        <source>Tracking no., ID number, name or phone (Ctrl+F)</source>
        <translation>办件编号、身份证号、姓名或电话 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="232" />
        <source>Working...</source>
        <translation>处理中...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="267" />
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271" />
        <source>New intake</source>
        <translation>新建受理</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="273" />
        <source>Re-check returning applicant</source>
        <translation>补正核验</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="275" />
        <source>Find case</source>
        <translation>查找办件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276" />
        <source>Read ID card</source>
        <translation>读取身份证</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279" />
        <source>Open case</source>
        <translation>打开办件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284" />
        <source>Service guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="289" />
        <source>Handover</source>
        <translation>代办移交</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="291" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="293" />
        <source>Lock screen</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="295" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="300" />
        <source>List {n}</source>
        <translation>列表 {n}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="338" />
        <source>No card reader with a driver is set up; a keyboard reader types into the ID field.</source>
        <translation>未配置带驱动的读卡器;键盘式读卡器会直接录入到身份证号栏。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="352" />
        <source>No card on the reader.</source>
        <translation>读卡器上没有身份证。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="372" />
        <source>Enter the returning applicant's ID number first.</source>
        <translation>请先输入回来补正的申请人身份证号。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="402" />
        <source>{n} cases</source>
        <translation>{n} 件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="417" />
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="418" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="419" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="421" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="422" />
        <source>Waiting</source>
        <translation>待补正</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="472" />
        <source>Printer: {name}</source>
        <translation>打印机:{name}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="474" />
        <source>Printer: none chosen</source>
        <translation>打印机:未选择</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="476" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="478" />
        <source>Sync with the county server is not set up on this terminal.</source>
        <translation>本终端尚未配置与县级服务器的同步。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="480" />
        <source>Last sync: never</source>
        <translation>上次同步:从未</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="484" />
        <source>{n} changes waiting to sync</source>
        <translation>{n} 项变更待同步</translation>
    </message>
</context>
<context>
    <name>PendingCasesModel</name>
    <message>
        <location filename="../handover_page.py" line="106" />
        <source>Tracking no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="107" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="108" />
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../handover_page.py" line="109" />
        <source>Materials</source>
        <translation>材料</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../preview.py" line="51" />
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../preview.py" line="65" />
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="68" />
        <source>Print this document (Enter / Ctrl+P)</source>
        <translation>打印本文书 (回车 / Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="69" />
        <source>Print &amp;all</source>
        <translation>全部打印(&amp;A)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="71" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../preview.py" line="72" />
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="130" />
        <source>Printing...</source>
        <translation>正在打印...</translation>
    </message>
    <message>
        <location filename="../preview.py" line="144" />
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <location filename="../preview.py" line="153" />
        <source>Not printed: {error}. The document is kept; print it again when the printer is ready.</source>
        <translation>未打印:{error}。文书已保存,打印机就绪后可再次打印。</translation>
    </message>
</context>
<context>
    <name>PromiseDateDialog</name>
    <message>
        <location filename="../dialogs.py" line="27" />
        <source>Tolerant acceptance</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="43" />
        <source>Missing non-key materials:</source>
        <translation>缺少的非关键材料:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="44" />
        <source>&amp;Promised by:</source>
        <translation>承诺补齐日期(&amp;P):</translation>
    </message>
</context>
<context>
    <name>QuestionModel</name>
    <message>
        <location filename="../checklist_model.py" line="45" />
        <source>Y: yes, N: no</source>
        <translation>Y:是,N:否</translation>
    </message>
</context>
<context>
    <name>RejectionDialog</name>
    <message>
        <location filename="../dialogs.py" line="60" />
        <source>Reject the application</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="76" />
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R):</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="77" />
        <source>Legal &amp;basis:</source>
        <translation>法律依据(&amp;B):</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="78" />
        <source>&amp;Competent body (if not ours):</source>
        <translation>有权受理机关(非本机关职权时)(&amp;C):</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="86" />
        <source>A rejection needs its reason.</source>
        <translation>不予受理须写明理由。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="90" />
        <source>A rejection needs its legal basis.</source>
        <translation>不予受理须写明法律依据。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="64" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="101" />
        <source>Village agency point</source>
        <translation>村便民服务代办点</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="102" />
        <source>Township service centre</source>
        <translation>乡镇便民服务中心</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="103" />
        <source>County service hall</source>
        <translation>县级政务服务中心</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="118" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="126" />
        <source>A4 sheet</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="127" />
        <source>80 mm receipt roll</source>
        <translation>80毫米热敏卷纸</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="133" />
        <source>cups:QUEUE prints on a printer; folder:PATH writes PDF files into a folder</source>
        <translation>cups:队列名 打印到打印机;folder:路径 将 PDF 文件写入文件夹</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="139" />
        <source>Folder...</source>
        <translation>文件夹...</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="146" />
        <source>Print into a folder ({key})</source>
        <translation>打印到文件夹 ({key})</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="156" />
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="158" />
        <source>Terminal code:</source>
        <translation>终端代码:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="159" />
        <source>Region code:</source>
        <translation>行政区划代码:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="160" />
        <source>Centre &amp;name:</source>
        <translation>中心名称(&amp;N):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="161" />
        <source>Counter &amp;level:</source>
        <translation>窗口层级(&amp;L):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="162" />
        <source>Public status &amp;URL:</source>
        <translation>办件查询网址(&amp;U):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="163" />
        <source>&amp;Address:</source>
        <translation>地址(&amp;A):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="164" />
        <source>Office &amp;hours:</source>
        <translation>办公时间(&amp;H):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="165" />
        <source>Contact &amp;phone:</source>
        <translation>咨询电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="166" />
        <source>Reconsideration &amp;body:</source>
        <translation>行政复议机关(&amp;B):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="167" />
        <source>C&amp;ourt:</source>
        <translation>人民法院(&amp;O):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="169" />
        <source>Only a supervisor or an admin changes the centre name, level and status URL.</source>
        <translation>中心名称、层级和查询网址只能由负责人或管理员修改。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="176" />
        <source>This terminal</source>
        <translation>本终端</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="178" />
        <source>&amp;Window:</source>
        <translation>窗口(&amp;W):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="179" />
        <source>Lock after &amp;idle:</source>
        <translation>闲置锁屏(&amp;I):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="180" />
        <source>Lan&amp;guage:</source>
        <translation>语言(&amp;G):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="181" />
        <source>P&amp;aper:</source>
        <translation>纸张(&amp;A):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="182" />
        <source>P&amp;rinter:</source>
        <translation>打印机(&amp;R):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="194" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="200" />
        <source>Save ({key} / Enter)</source>
        <translation>保存 ({key} / 回车)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="206" />
        <source>Close without saving (Esc)</source>
        <translation>不保存并关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="241" />
        <source>(none yet)</source>
        <translation>(暂无)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="242" />
        <source>(not set)</source>
        <translation>(未设置)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="279" />
        <source>folder: (choose a folder)</source>
        <translation>folder:(选择文件夹)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="293" />
        <source>Print into this folder</source>
        <translation>打印到此文件夹</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="374" />
        <source>Unexpected error: {error}</source>
        <translation>意外错误:{error}</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../case_detail.py" line="388" />
        <source>Promised materials arrived</source>
        <translation>承诺材料已补齐</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="400" />
        <source>Space: arrived / not yet</source>
        <translation>空格:已补齐 / 未补齐</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="401" />
        <source>Tick what the applicant brought:</source>
        <translation>勾选申请人已带来的材料:</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="409" />
        <source>Save (Enter)</source>
        <translation>保存 (回车)</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="410" />
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="438" />
        <source>Tick at least one material.</source>
        <translation>请至少勾选一项材料。</translation>
    </message>
</context>
<context>
    <name>TextAskDialog</name>
    <message>
        <location filename="../case_detail.py" line="346" />
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="348" />
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="377" />
        <source>Please fill this in.</source>
        <translation>请填写此项。</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../case_detail.py" line="204" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="205" />
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="206" />
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="207" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../case_detail.py" line="208" />
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
</TS>