# What a district clerk does from the browser beyond sending a report (issue 13):
# correct a sent report (only what changed is sent) and ask for a deadline
# extension, which the plan's aggregator grants from the plan page; the task's
# due day then follows it. Screenshot: the task page with both forms.
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import api, console_errors, login, screenshot, submit, url

CLERK = "demo-hoang-hoa"
CLERK_UNIT = "huyen-hoang-hoa"
AGGREGATOR_TOKENS = {"so-tai-chinh": "demo-tai-chinh", "so-ke-hoach-dau-tu": "demo-aggregator"}


def task_with_a_report(d):
    """A task on the clerk's list; sends a report through the form first if the unit has none."""
    d.get(url("/"))
    task = d.find_element(By.CSS_SELECTOR, "main table a[href^='/tasks/']").get_attribute("href").rsplit("/", 1)[1]
    d.get(url(f"/tasks/{task}"))
    if not d.find_elements(By.CSS_SELECTOR, "form.correction"):
        Select(d.find_element(By.NAME, "status")).select_by_visible_text("Đang thực hiện")
        d.find_element(By.NAME, "progress").send_keys("30")
        d.find_element(By.NAME, "result").send_keys("Đã triển khai bước đầu")
        submit(d, "form.report button[type=submit]")
    return task


def test_clerk_corrects_one_field_and_asks_for_an_extension_which_the_aggregator_grants(browser):
    d = browser
    login(d, CLERK)
    task = task_with_a_report(d)
    d.get(url(f"/tasks/{task}"))

    # Correct one field: the rest of the report is kept as it was.
    before = api(f"/api/v1/reports?task_id={task}&unit_id={CLERK_UNIT}&latest=true&limit=500", CLERK)["items"]
    report_id = d.find_element(By.CSS_SELECTOR, "form.correction input[name=report_id]").get_attribute("value")
    base = next(r for r in before if str(r["id"]) == report_id)
    field = d.find_element(By.ID, "sua-result")
    assert field.get_attribute("value") == (base["result"] or "")
    field.clear()
    field.send_keys("Sửa qua trình duyệt: bổ sung số liệu quý")
    submit(d, "form.correction button[type=submit]")
    assert "Đã gửi báo cáo" in d.find_element(By.CSS_SELECTOR, "p.notice.ok").text
    revisions = api(f"/api/v1/reports/{report_id}/revisions", CLERK)["items"]
    latest = max(revisions, key=lambda r: r["revision"])
    assert latest["result"] == "Sửa qua trình duyệt: bổ sung số liệu quý"
    assert latest["progress"] == base["progress"] and latest["report_date"] == base["report_date"]

    # Ask for an extension; the screenshot shows the task page with both forms filled in.
    d.find_element(By.ID, "gh-deadline").send_keys("31/12/2027")
    d.find_element(By.ID, "gh-reason").send_keys("Chờ bố trí vốn năm 2027 để hoàn thành hạng mục còn lại")
    screenshot(d, "10-nhiem-vu-sua-bao-cao-de-nghi-gia-han.png")
    submit(d, "form.extension-request button[type=submit]")
    assert "Đã gửi đề nghị gia hạn" in d.find_element(By.CSS_SELECTOR, "p.notice.ok").text
    assert "Đang chờ trả lời" in d.page_source
    assert console_errors(d) == []

    # The plan's aggregator grants it from the plan page.
    plan = api(f"/api/v1/tasks/{task}", CLERK)["plan_id"]
    aggregator = AGGREGATOR_TOKENS[api(f"/api/v1/plans/{plan}", CLERK)["aggregator_id"]]
    d.delete_all_cookies()
    login(d, aggregator)
    d.get(url(f"/plans/{plan}"))
    form = d.find_element(By.XPATH, f"//form[contains(@class,'extension-decision')][.//a[@href='/tasks/{task}']]")
    form.find_element(By.CSS_SELECTOR, "textarea[name=comment]").send_keys("Đồng ý gia hạn đến hết năm 2027.")
    form_id = form.get_attribute("id")
    submit(d, f"#{form_id} button[value=granted]")
    assert "Đã đồng ý gia hạn" in d.find_element(By.CSS_SELECTOR, "p.notice.ok").text
    assert api(f"/api/v1/tasks/{task}", aggregator)["due_on"] == "2027-12-31"
    d.get(url(f"/tasks/{task}"))
    assert "31/12/2027 (đã gia hạn)" in d.page_source
    assert console_errors(d) == []


def test_admin_creates_a_token_seen_once_and_revokes_it(browser):
    d = browser
    login(d, "demo-admin")
    d.get(url("/tokens"))
    Select(d.find_element(By.NAME, "role")).select_by_value("reporter")
    Select(d.find_element(By.NAME, "unit_id")).select_by_value(CLERK_UNIT)
    d.find_element(By.NAME, "label").send_keys("Trình duyệt: cán bộ văn phòng huyện")
    submit(d, "form.tokens button[type=submit]")
    secret = d.find_element(By.CSS_SELECTOR, "#token-moi code.secret").text
    assert len(secret) >= 24
    assert api(f"/api/v1/units/{CLERK_UNIT}", secret)["id"] == CLERK_UNIT
    screenshot(d, "11-ma-truy-cap.png")
    row = d.find_element(By.XPATH, "//tr[td[text()='Trình duyệt: cán bộ văn phòng huyện']]")
    token_id = row.find_element(By.TAG_NAME, "th").text
    submit(d, f"form[action='/tokens/{token_id}/revoke'] button")
    assert f"Đã thu hồi mã {token_id}" in d.find_element(By.CSS_SELECTOR, "p.notice.ok").text
    assert secret not in d.page_source
    assert console_errors(d) == []
