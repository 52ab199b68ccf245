"""A small valid timeline, written out so that tests can break it one key at a time."""

MINI = """\
[[sources]]
id = "src-a"
title = "Bài báo A"
outlet = "Báo A"
published = 2021-11-23

[[platforms]]
id = "portal"
name = { vi = "Cổng Dịch vụ công quốc gia", en = "National Public Service Portal" }
short = { vi = "Cổng DVCQG", en = "Portal" }
acronyms = ["DVCQG"]
description = { vi = "Cổng kết nối.", en = "The national portal." }
launched = 2019-12-09

[[platforms]]
id = "reporting"
name = { vi = "Hệ thống thông tin báo cáo quốc gia", en = "National Reporting Information System" }
short = { vi = "Báo cáo", en = "Reporting" }
description = { vi = "Hệ thống báo cáo.", en = "The reporting system." }
launched = 2020-08-19

[[platforms]]
id = "command-centre"
name = { vi = "Trung tâm thông tin, chỉ đạo điều hành", en = "Command centre" }
short = { vi = "Trung tâm", en = "Centre" }
description = { vi = "Trung tâm.", en = "The centre." }
part_of = "reporting"

[[milestones]]
id = "portal-launch"
date = 2019-12-09
platform = "portal"
kind = "launch"
title = { vi = "Khai trương Cổng Dịch vụ công quốc gia", en = "National Public Service Portal launched" }
summary = { vi = "Cổng đi vào hoạt động.", en = "The portal opens." }
sources = ["src-a"]

[[milestones]]
id = "portal-report"
date = 2021-11-23
platform = "portal"
kind = "report"
title = { vi = "Cổng DVCQG: số liệu", en = "Portal: figures" }
summary = { vi = "Số liệu.", en = "Figures." }
sources = ["src-a"]

[[indicators]]
id = "accounts"
name = { vi = "Tài khoản đăng ký", en = "Registered accounts" }
unit = "count"
counts = { vi = "tài khoản", en = "accounts" }

[[observations]]
id = "portal-accounts-2021"
platform = "portal"
indicator = "accounts"
value = 1_200_000
qualifier = "more_than"
basis = "cumulative"
as_of = 2021-11-23
source = "src-a"
quote = "hơn 1,2 triệu tài khoản đăng ký"
"""
