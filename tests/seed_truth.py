"""What a careful reader writes down from each seed report, by hand.

Figures are in yuan as the report states them (万元 × 10,000). Budget rows are the
resolved grain of fct_budget: (line, phase, spending_type) → amount. Where a report
states a figure twice, it is here once. Nothing here was copied from the code's output.
"""

from decimal import Decimal as D

W = D(10_000)  # 万元

SEEDS = {
    "000_88261bcdc6d2d7af.txt": {
        "unit_name": "中共邵阳市北塔区委网络安全和信息化委员会办公室",
        "province": "湖南省", "city": "邵阳市", "county": "北塔区",
        "admin_level": "county", "admin_code": "430511",
        "fiscal_year": 2020, "report_date": "2021-08-26",
        "title_contains": "2020年度部门整体支出绩效评价报告",
        "self_score": None, "grade": "良好",
        "budget": {
            # table: 预算 row
            ("收入合计", "budget", None): D("80.6") * W,
            ("年初结转和结余", "budget", None): D(0),
            ("财政拨款收入", "budget", None): D("80.6") * W,
            ("支出合计", "budget", None): D("80.6") * W,
            ("人员经费", "budget", None): D("34.56") * W,
            ("公用经费", "budget", None): D("46.04") * W,
            ("项目支出", "budget", None): D(0),
            ("年末结转和结余", "budget", None): D(0),
            # table: 决算 row, and the prose around it
            ("收入合计", "final", None): D("98.2") * W,
            ("年初结转和结余", "final", None): D("6.69") * W,
            ("财政拨款收入", "final", None): D("91.51") * W,
            ("其他收入", "final", None): D(0),
            ("支出合计", "final", None): D("98.2") * W,
            ("基本支出", "final", None): D("98.2") * W,
            ("人员经费", "final", None): D("51.26") * W,
            ("公用经费", "final", None): D("46.94") * W,
            ("项目支出", "final", None): D(0),
            ("年末结转和结余", "final", None): D(0),
            # 部门支出决算明细: 财政拨款—基本支出 / —项目支出
            ("工资福利支出", "final", "basic"): D("45.77") * W,
            ("工资福利支出", "final", "project"): D(0),
            ("商品和服务支出", "final", "basic"): D("46.94") * W,
            ("商品和服务支出", "final", "project"): D(0),
            ("对个人和家庭的补助", "final", "basic"): D("5.49") * W,
            ("对个人和家庭的补助", "final", "project"): D(0),
            ("资本性支出", "final", "basic"): D(0),
            ("资本性支出", "final", "project"): D(0),
            # its 合计 row: the totals of the two columns, 基本支出 98.2 and 项目支出 0, stated above too
            # 公用经费 detail table
            ("办公费", "final", None): D("5.53") * W,
            ("印刷费", "final", None): D("6.93") * W,
            ("咨询费", "final", None): D("0.33") * W,
            ("邮电费", "final", None): D("0.14") * W,
            ("差旅费", "final", None): D("0.6") * W,
            ("维修（护）费", "final", None): D(9) * W,
            ("公务接待费", "final", None): D("0.13") * W,
            ("公务接待费", "prior_final", None): D(0),  # （同比2019年0万元增加0.13万元）
            ("劳务费", "final", None): D("1.26") * W,
            ("委托业务费", "final", None): D(3) * W,
            ("工会经费", "final", None): D("2.72") * W,
            ("其他交通费用", "final", None): D("4.26") * W,
            ("其他商品和服务支出", "final", None): D("13.04") * W,
            # 三公经费 in prose
            ("三公经费合计", "final", None): D("0.13") * W,
            ("因公出国（境）费", "final", None): D(0),
            ("公务用车运行维护费", "final", None): D(0),
            ("项目资金结转和结余", "final", None): D(0),
        },
        "projects": {
            ("红网建设经费", "budget"): D(6) * W,
            ("网络安全监测和攻防应急演练经费", "budget"): D(7) * W,
            ("网信工作经费", "budget"): D(2) * W,
            ("舆情监控系统租赁及服务经费", "budget"): D(20) * W,
            ("重大突发敏感舆情引导经费", "budget"): D(5) * W,
        },
        "headcount": {("authorized", "total"): 8, ("actual", "total"): 6, ("retired", "total"): 0},
        "indicators": [],
        "findings": {"problem": 2, "measure": 2},
    },
    "001_816099c49a4b9a4c.txt": {
        "unit_name": "中共湛江市委网络安全和信息化委员会办公室",
        "province": "广东省", "city": "湛江市", "county": None,
        "admin_level": "city", "admin_code": "440800",
        "fiscal_year": 2020, "report_date": "2021-06-16",
        "title_contains": "整体绩效自评报告",
        "self_score": 98.0, "grade": None, "grade_derived": "优秀",
        "budget": {
            ("财政拨款收入", "final", None): D("6859745.45"),
            ("支出合计", "final", None): D("6832143.48"),
            ("基本支出", "final", None): D("2593386.66"),
            ("项目支出", "final", None): D("4238756.82"),
        },
        "projects": {},
        "headcount": {
            ("authorized", "administrative"): 12,
            ("authorized", "institutional"): 5,
            ("authorized", "logistics"): 2,
            ("actual", "administrative"): 11,
            ("actual", "institutional"): 1,
            ("actual", "logistics"): 2,
        },
        "indicators": [],
        "findings": {"problem": 3, "measure": 3},
    },
    "002_04cd469f13ce1b38.txt": {
        "unit_name": "中共宁乡市委网络安全和信息化委员会办公室",
        "province": "湖南省", "city": "长沙市", "county": "宁乡市",
        "admin_level": "county", "admin_code": "430182",
        "fiscal_year": 2021, "report_date": None,
        "title_contains": "2021年部门整体支出绩效自评报告",
        "self_score": None, "grade": None,
        "budget": {
            ("支出合计", "final", None): D("350.28") * W,
            ("基本支出", "final", None): D("130.13") * W,
            ("人员经费", "final", None): D(116) * W,
            ("公用经费", "final", None): D("14.13") * W,
            ("项目支出", "final", None): D("220.15") * W,
            ("三公经费合计", "final", None): D("5.49") * W,
            ("培训费", "final", None): D("25.5") * W,
            ("会议费", "final", None): D("8.8") * W,
            ("组织事务支出", "final", None): D("0.2") * W,
            ("网信事务支出", "final", None): D("219.95") * W,
            ("项目资金收入", "final", None): D("220.15") * W,
        },
        "projects": {},
        "headcount": {
            ("authorized", "administrative"): 6,
            ("authorized", "institutional"): 6,
            ("actual", "total"): 9,
        },
        "indicators": [],
        "findings": {"problem": 0, "measure": 0},
    },
    "003_6b9a1eead6df8daf.txt": {
        "unit_name": "中共石家庄市鹿泉区委网络安全和信息化委员会办公室",
        "province": "河北省", "city": "石家庄市", "county": "鹿泉区",
        "admin_level": "county", "admin_code": "130110",
        "fiscal_year": 2022, "report_date": None,
        "title_contains": "2022年度整体支出绩效自评报告",
        "self_score": None, "grade": "优秀",
        "budget": {
            ("收入合计", "final", None): D("344.64") * W,
            ("财政拨款收入", "final", None): D("344.64") * W,
            ("事业收入", "final", None): D(0),
            ("经营收入", "final", None): D(0),
            ("其他收入", "final", None): D(0),
            ("附属单位上缴收入", "final", None): D(0),
            ("支出合计", "final", None): D("344.64") * W,
            ("基本支出", "final", None): D("280.75") * W,
            ("项目支出", "final", None): D("63.89") * W,
            ("经营支出", "final", None): D(0),
            ("对附属单位补助支出", "final", None): D(0),
        },
        "projects": {
            ("涉军公益岗工资项目", "final"): None,
            ("网络宣传网络安全等经费项目", "final"): None,
            ("舆情中心运行费项目", "final"): None,
            ("新媒体宣传服务项目", "final"): None,
            ("编制“十四五时期”网络安全和信息化发展规划经费项目", "final"): None,
            ("网络舆情精准监测项目", "final"): None,
        },
        "project_grade": "优秀",  # '…等6个项目绩效评价均得分≥90分，评价等级为优秀
        "headcount": {("authorized", "administrative"): 6, ("authorized", "institutional"): 6},
        "indicators": [],
        "findings": {"problem": 1, "measure": 1},
    },
    "004_1d0f4977827aa49f.txt": {
        "unit_name": "中共衡阳县委网络安全和信息化委员会办公室",
        "province": "湖南省", "city": "衡阳市", "county": "衡阳县",
        "admin_level": "county", "admin_code": "430421",
        "fiscal_year": 2021, "report_date": "2022-04-12",
        "title_contains": "衡阳县部门整体支出绩效自评报告",
        "self_score": 91.0, "max_score": 100.0, "grade": "优秀",
        "budget": {
            # prose
            ("财政拨款收入", "final", None): D("85.8361") * W,
            ("支出合计", "final", None): D("85.4561") * W,
            ("年末结转和结余", "final", None): D("0.38") * W,
            ("基本工资", "final", None): D("30.5292") * W,
            ("津贴补贴", "final", None): D("21.2616") * W,
            ("社会保险缴费", "final", None): D("8.9771") * W,
            ("住房公积金", "final", None): D("6.2149") * W,
            ("职工基本医疗保险缴费", "final", None): D("4.5049") * W,
            ("其他社会保障缴费", "final", None): D("0.4142") * W,
            ("公用经费", "final", None): D("13.9342") * W,
            ("办公费", "final", None): D("4.8436") * W,
            ("水电费", "final", None): D(2) * W,
            ("物业管理费", "final", None): D("1.5") * W,
            ("其他商品和服务支出", "final", None): D("5.5906") * W,
            # 基础数据表: 当年决算数 / 当前年预算数 / 上年决算数
            ("基本支出", "final", None): D("85.4561") * W,
            ("基本支出", "budget", None): D("85.8361") * W,
            ("基本支出", "prior_final", None): D("60.0985") * W,
            # 自评表: 年初预算数 / 全年预算数 / 全年执行数, and the composition under it
            ("收入合计", "budget", None): D("85.8361") * W,
            ("收入合计", "adjusted", None): D("85.8361") * W,
            ("收入合计", "final", None): D("85.4561") * W,
            ("财政拨款收入", "budget", None): D("85.8361") * W,
            ("政府性基金拨款", "budget", None): D(0),
            ("纳入管理的非税收入拨款", "budget", None): D(0),
            ("其他资金", "budget", None): D(0),
            ("人员经费", "budget", None): D("71.9019") * W,
            ("公用经费", "budget", None): D("13.9342") * W,
            ("项目支出", "budget", None): D(0),
        },
        "projects": {},
        "headcount": {
            ("authorized", "total"): 19,
            ("authorized", "administrative"): 10,
            ("authorized", "institutional"): 9,
            ("actual", "total"): 12,
            ("retired", "total"): 0,
        },
        # (level1, level2, level3, target, actual, weight, score)
        "indicators": [
            ("产出指标", "数量指标", "第一时间完成涉县网络舆情处置", "100%", "≥98%", 10, 9),
            ("产出指标", "数量指标", "第一时间协调处置网络安全事件", "100%", "≥98%", 10, 10),
            ("产出指标", "质量指标", "把牢网络舆论导向，为全县社会和谐稳定营造良好的网络舆论氛围", "100%", "≥95%", 10, 9),
            ("产出指标", "时效指标", "实行24小时舆情值班制和网络舆情日报制", "100%", "98%", 10, 9),
            ("产出指标", "成本指标", "基本支出", "不突破预算", "100%", 10, 9),
            ("效益指标", "社会效益指标", "网络留言回复率", "100%", "≥98%", 10, 9),
            ("效益指标", "社会效益指标", "上级舆情交办率", "100%", "≥98%", None, None),
            ("效益指标", "社会效益指标", "上级下发网宣网评任务完成率", "100%", "100%", 10, 9),
            ("效益指标", "生态效益指标", "把牢网络舆论导向，为全县社会和谐稳定营造良好的网络舆论氛围", "100%", "≥98%", 10, 9),
            ("效益指标", "可持续影响指标", "综合影响力", "100%", "≥98%", 10, 9),
            ("满意度指标", "社会公众或服务对象满意度指标", "社会公众或服务对象满意度≥95%", "100%", "≥95", 10, 9),
        ],
        "findings": {"problem": 2, "measure": 3},
        # a contact phone printed on the form; it must never reach the warehouse
        "planted_phones": ["13787340508"],
    },
}


def as_truth_records() -> list[dict]:
    """The seeds' truth in the form tests/truth_accuracy.py compares (one dict a report)."""
    records = []
    for source_file, truth in SEEDS.items():
        records.append(
            {
                "source_file": source_file,
                **{key: truth.get(key) for key in (
                    "unit_name", "province", "city", "county", "admin_level", "admin_code",
                    "fiscal_year", "report_date", "self_score", "grade")},
                "budget": [
                    {"line_name": line, "phase": phase, "spending_type": spending, "amount_yuan": str(amount)}
                    for (line, phase, spending), amount in truth["budget"].items()
                ],
                "headcount": [
                    {"measure": measure, "staff_type": staff, "headcount": count}
                    for (measure, staff), count in truth["headcount"].items()
                ],
                "indicators": [
                    dict(zip(("level1", "level2", "level3", "target_text", "actual_text", "weight", "score"), row))
                    for row in truth["indicators"]
                ],
                "projects": [
                    {"project_name": name, "phase": phase, "amount_yuan": amount, "score": None,
                     "grade": truth.get("project_grade")}
                    for (name, phase), amount in truth["projects"].items()
                ],
                "findings": truth["findings"],
            }
        )
    return records
