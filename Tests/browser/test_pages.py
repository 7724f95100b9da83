# The pages in a real browser (headless Chromium): the finance office reads a
# plan, a period's chase list, a task and a unit; a district clerk sends a report
# through the form and finds it in the API; an invalid one shows the Vietnamese
# error next to its field; a post without the CSRF token is refused; stored
# <script> text stays text; and the console stays clean. Screenshots of each
# page go to docs/screenshots/.
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import api, click, console_errors, login, screenshot, submit, url

CLERK = "demo-hoang-hoa"
CLERK_UNIT = "huyen-hoang-hoa"
FINANCE = "demo-tai-chinh"


def first_task(d):
    """The first task on the clerk's list of what to report now."""
    d.get(url("/"))
    link = d.find_element(By.CSS_SELECTOR, "main table a[href^='/tasks/']")
    return link.get_attribute("href").rsplit("/", 1)[1]


def to_api_period(label):
    m = re.fullmatch(r"Quý (I|II|III|IV)/(\d{4})", label.strip())
    assert m, label
    return f"{m.group(2)}-Q{['I', 'II', 'III', 'IV'].index(m.group(1)) + 1}"


def fill(d, name, value):
    e = d.find_element(By.NAME, name)
    e.clear()
    e.send_keys(value)


def test_finance_office_reads_plan_period_task_and_unit(browser):
    d = browser
    login(d, FINANCE)
    assert d.find_element(By.TAG_NAME, "h1").text == "Tổng quan các kế hoạch"
    headers = [th.text for th in d.find_elements(By.CSS_SELECTOR, "thead th")]
    for bucket in ("Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa hoàn thành – trong hạn", "Chưa hoàn thành – quá hạn"):
        assert bucket in headers
    screenshot(d, "01-tong-quan-so-tai-chinh.png")

    click(d, d.find_element(By.LINK_TEXT, "63/KH-UBND"))
    assert d.find_element(By.CSS_SELECTOR, "svg.buckets")
    assert "Tiến độ theo hạn chế, yếu kém" in d.page_source
    assert d.find_element(By.CSS_SELECTOR, "input[type=date][name=as_of]")
    screenshot(d, "02-ke-hoach.png")

    # The latest period that is already due: the second row (the first is the one still open).
    rows = d.find_elements(By.XPATH, "//h2[text()='Các kỳ báo cáo']/following::table[1]/tbody/tr")
    due = [r for r in rows if r.find_elements(By.CSS_SELECTOR, "td.missing")]
    click(d, due[0].find_element(By.TAG_NAME, "a"))
    assert d.find_element(By.ID, "don-doc").text.startswith("Danh sách đôn đốc")
    assert d.find_elements(By.CSS_SELECTOR, "table.grid td.missing") or d.find_elements(By.CSS_SELECTOR, "table.grid td.late")
    assert d.find_element(By.CSS_SELECTOR, "form[action$='/lock'] button")
    links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "p.actions a[download]")]
    assert any(h.endswith("format=csv") for h in links) and any(h.endswith("format=xlsx") for h in links)
    screenshot(d, "03-ky-bao-cao.png")
    # The print stylesheet: navigation and forms go, the signature block appears.
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not d.find_element(By.CSS_SELECTOR, "header.top").is_displayed()
    assert d.find_element(By.CSS_SELECTOR, ".sign").is_displayed()
    screenshot(d, "03b-ky-bao-cao-ban-in.png")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    chase_unit = d.find_element(By.CSS_SELECTOR, "table.chase th a").get_attribute("href")
    click(d, d.find_element(By.CSS_SELECTOR, "table.chase td a"))
    assert "Lịch sử báo cáo" in d.page_source
    assert "Thời gian khắc phục" in d.page_source
    screenshot(d, "04-nhiem-vu.png")

    d.get(chase_unit)
    assert "Bảng điểm" in d.page_source
    screenshot(d, "05-don-vi.png")
    assert console_errors(d) == []


def test_district_sees_what_to_report_and_sends_a_valid_report(browser):
    d = browser
    login(d, CLERK)
    assert d.find_element(By.TAG_NAME, "h1").text.startswith("Việc cần báo cáo")
    assert "Chưa gửi" in d.page_source or "Đã gửi" in d.page_source
    screenshot(d, "06-viec-can-bao-cao.png")
    screenshot(d, "06b-viec-can-bao-cao-dien-thoai.png", width=390)

    task = first_task(d)
    d.get(url(f"/tasks/{task}"))
    period_label = d.find_element(By.NAME, "period").get_attribute("value")
    assert period_label.startswith("Quý ")          # what a clerk types, not 2026-Q4
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", d.find_element(By.NAME, "report_date").get_attribute("value"))
    screenshot(d, "07-bieu-mau-bao-cao.png")
    Select(d.find_element(By.NAME, "status")).select_by_visible_text("Đang thực hiện")
    fill(d, "progress", "99")
    fill(d, "result", "Gửi qua trình duyệt: đã hoàn thành 99% khối lượng")
    fill(d, "obstacles", "Không có")
    submit(d, "form.report button[type=submit]")
    assert "Đã gửi báo cáo" in d.find_element(By.CSS_SELECTOR, "p.notice.ok").text

    got = api(f"/api/v1/reports?task_id={task}&unit_id={CLERK_UNIT}&period={to_api_period(period_label)}&latest=true", CLERK)
    assert got["items"][0]["result"] == "Gửi qua trình duyệt: đã hoàn thành 99% khối lượng"
    assert got["items"][0]["status"] == "in_progress"
    assert got["items"][0]["progress"] == 99
    assert console_errors(d) == []


def test_an_invalid_report_shows_the_vietnamese_error_next_to_its_field(browser):
    d = browser
    login(d, CLERK)
    task = first_task(d)
    d.get(url(f"/tasks/{task}"))
    fill(d, "report_date", "31/02/2026")
    fill(d, "progress", "150")
    fill(d, "result", "Nội dung đã nhập không được mất")
    submit(d, "form.report button[type=submit]")

    error = d.find_element(By.ID, "loi-report-date")
    assert "Ngày báo cáo không đúng dạng" in error.text
    field = d.find_element(By.ID, "report_date")
    assert error.find_element(By.XPATH, "..") == field.find_element(By.XPATH, "..")   # in the same field block
    assert field.get_attribute("aria-invalid") == "true"
    assert "loi-report-date" in field.get_attribute("aria-describedby")
    assert "Tiến độ phải từ 0 đến 100" in d.find_element(By.ID, "loi-progress").text
    assert field.get_attribute("value") == "31/02/2026"
    assert d.find_element(By.NAME, "progress").get_attribute("value") == "150"
    assert d.find_element(By.NAME, "result").get_attribute("value") == "Nội dung đã nhập không được mất"
    screenshot(d, "08-loi-bieu-mau.png")
    assert console_errors(d, allow_status=(422,)) == []


def test_a_form_post_without_the_csrf_token_is_refused(browser):
    d = browser
    login(d, CLERK)
    task = first_task(d)
    before = api(f"/api/v1/reports?task_id={task}&unit_id={CLERK_UNIT}", CLERK)["total"]
    d.get(url(f"/tasks/{task}"))
    d.execute_script("document.querySelector('form.report input[name=csrf]').remove()")
    fill(d, "progress", "99")
    fill(d, "obstacles", "Không có")
    submit(d, "form.report button[type=submit]")
    assert d.find_element(By.TAG_NAME, "h1").text == "Không có quyền truy cập"
    assert "CSRF" in d.page_source
    assert api(f"/api/v1/reports?task_id={task}&unit_id={CLERK_UNIT}", CLERK)["total"] == before
    assert console_errors(d, allow_status=(403,)) == []


def test_stored_script_text_is_inert(browser):
    d = browser
    login(d, CLERK)
    task = first_task(d)
    d.get(url(f"/tasks/{task}"))
    payload = "<script>window.__tiendoXSS = 1</script><img src=x onerror=\"window.__tiendoXSS = 2\">"
    fill(d, "progress", "99")
    fill(d, "obstacles", "Không có")
    fill(d, "result", payload)
    submit(d, "form.report button[type=submit]")
    assert "Đã gửi báo cáo" in d.page_source
    cells = [c.text for c in d.find_elements(By.CSS_SELECTOR, "td.report-result")]
    assert payload in cells
    assert d.execute_script("return typeof window.__tiendoXSS") == "undefined"
    assert not d.find_elements(By.CSS_SELECTOR, "main img")
    assert console_errors(d) == []


PLAN_TEXT = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
Số: 12/KH-UBND
Thanh Hóa, ngày 10 tháng 3 năm 2022
KẾ HOẠCH
Khắc phục hạn chế về y tế và lao động
I. VỀ Y TẾ
1. Tiêm chủng còn chậm
1.1. Nguyên nhân: Nhân lực y tế còn thiếu.
1.2. Kế hoạch khắc phục
a) Trách nhiệm của các đơn vị
- Đơn vị chủ trì: Sở Y tế.
- Đơn vị phối hợp: UBND các huyện, thị xã, thành phố.
b) Nhiệm vụ, giải pháp khắc phục
- Tăng cường tiêm chủng lưu động.
- UBND các huyện, thị xã, thành phố rà soát đối tượng chưa tiêm.
1.3. Thời gian khắc phục: Năm 2022 và các năm tiếp theo.
2. Tai nạn lao động vẫn còn xảy ra
2.1. Kế hoạch khắc phục
- Đơn vị chủ trì: Sở Ngoại vụ.
- Thanh tra an toàn lao động tại các công trình.
2.2. Thời gian khắc phục: trước 14 giờ, ngày 05/12/2022.
C. TỔ CHỨC THỰC HIỆN
Định kỳ trước ngày 15 của tháng cuối quý, các đơn vị gửi báo cáo kết quả khắc phục về Sở Kế hoạch và Đầu tư để tổng hợp.
CHỦ TỊCH
Đỗ Minh Tuấn"""


def test_finance_office_imports_a_plan_from_its_text(browser):
    d = browser
    login(d, FINANCE)
    click(d, d.find_element(By.LINK_TEXT, "Nhập kế hoạch"))
    assert d.find_element(By.TAG_NAME, "h1").text == "Nhập kế hoạch từ văn bản"
    assert d.find_element(By.CSS_SELECTOR, "label[for=text]").text
    before = api("/api/v1/plans", FINANCE)["total"]
    d.find_element(By.NAME, "text").send_keys(PLAN_TEXT)
    submit(d, "button[value=preview]")

    # The draft: header, tasks with their units as read and as resolved, due days, warnings by line.
    main = d.find_element(By.TAG_NAME, "main").text
    for expected in ("12/KH-UBND", "Đỗ Minh Tuấn", "Tăng cường tiêm chủng lưu động", "→ Sở Y tế", "05/12/2022 (14:00)",
                     "«Sở Ngoại vụ»", "⚠ chưa xác định được đơn vị"):
        assert expected in main, expected
    blocking = d.find_elements(By.CSS_SELECTOR, "table.warnings tr.blocking")
    assert blocking and blocking[0].find_element(By.TAG_NAME, "th").text == "20"
    assert "Phải xử lý" in blocking[0].text
    assert d.find_element(By.NAME, "text").get_attribute("value") == PLAN_TEXT   # nothing typed is lost
    assert api("/api/v1/plans", FINANCE)["total"] == before
    screenshot(d, "09-nhap-ke-hoach.png")

    # Saving while a unit is unresolved is refused, with the warnings still shown.
    submit(d, "button[value=commit]")
    assert "Kế hoạch chưa được lưu" in d.find_element(By.ID, "loi-bieu-mau").text
    assert d.find_elements(By.CSS_SELECTOR, "table.warnings tr.blocking")
    assert api("/api/v1/plans", FINANCE)["total"] == before

    # Corrected in the textarea, previewed again, then saved: the plan's page.
    fill(d, "text", PLAN_TEXT.replace("Sở Ngoại vụ", "Sở Lao động - Thương binh và Xã hội"))
    submit(d, "button[value=preview]")
    assert not d.find_elements(By.CSS_SELECTOR, "table.warnings tr.blocking")
    submit(d, "button[value=commit]")
    assert re.search(r"/plans/\d+$", d.current_url), d.current_url
    assert "12/KH-UBND" in d.page_source
    assert api("/api/v1/plans", FINANCE)["total"] == before + 1
    assert console_errors(d, allow_status=(422,)) == []
