#!/usr/bin/env python3
"""Writes village-85.csv: a made-up village of 85 households in Xã Kim Hoa (18223), Hà Tĩnh (42).

Every name and product is invented. Rows are deterministic (seeded), so the file only changes when this script
does. Five rows are deliberately bad, to show that batch reports them by row number and carries on:
an unknown sanitation code, a bad issue date, an expiry before issue, a commune in the wrong province, and a
missing head of household.

    python3 Fixtures/Provenance/make-village-csv.py
"""
import csv
import pathlib
import random

OUT = pathlib.Path(__file__).resolve().parent / "village-85.csv"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Nga",
         "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Yến"]
VILLAGES = ["Thôn Trường Sơn", "Thôn Trung Hòa", "Thôn Kim Lộc", "Thôn Hà Tân", "Thôn Tân Hương"]
SANITATION = ["septic", "septic", "semiSeptic", "doubleVault", "biogas", "ventilatedPit"]
WASTE = ["sorting", "composting", "collection", "biogas", "animalFeed"]
PRODUCTS = [
    ("Gạo ST25", "crop", "vietGAP", "2026-10", "Cấy tay, phân hữu cơ"),
    ("Bưởi Phúc Trạch", "crop", "vietGAP", "2026-09", "Bón phân chuồng"),
    ("Cam bù Hương Sơn", "crop", "globalGAP", "2026-12", "Tưới nhỏ giọt"),
    ("Mật ong rừng", "forestry", "organic", "Vụ xuân", "Khai thác tự nhiên"),
    ("Gà đồi", "livestock", "none", "Quanh năm", "Thả vườn"),
    ("Hươu sao", "livestock", "none", "Quanh năm", "Nuôi nhốt, cỏ tươi"),
    ("Cá trắm", "aquaculture", "vietGAP", "2026-11", "Ao đất, thức ăn xanh"),
    ("Chè xanh", "crop", "organic", "Vụ hè", "Hái tay"),
    ("Kẹo cu đơ", "processed", "none", "2026-11", "Mật mía, lạc rang"),
]
HEADER = ["household_id", "head", "village", "province_code", "commune_name", "province_name", "sanitation",
          "waste", "issued", "expires", "url"]
for n in (1, 2):
    HEADER += [f"product{n}_{c}" for c in ("name", "category", "standard", "certificate", "season", "process")]


def main():
    rng = random.Random(18223)
    rows = []
    for i in range(1, 86):
        head = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        waste = rng.sample(WASTE, rng.randint(1, 3))
        row = {
            "household_id": f"18223-{i:04d}", "head": head, "village": rng.choice(VILLAGES),
            "province_code": "42", "commune_name": "", "province_name": "",
            "sanitation": rng.choice(SANITATION), "waste": ";".join(waste),
            "issued": "2026-11-01", "expires": "2027-10-31", "url": "",
        }
        for n, product in enumerate(rng.sample(PRODUCTS, rng.randint(1, 2)), start=1):
            name, category, standard, season, process = product
            certificate = f"VG-42-{rng.randint(100, 999)}" if standard == "vietGAP" else ""
            row.update({f"product{n}_name": name, f"product{n}_category": category,
                        f"product{n}_standard": standard, f"product{n}_certificate": certificate,
                        f"product{n}_season": season, f"product{n}_process": process})
        rows.append(row)
    # The bad rows (CSV rows 11, 24, 38, 52, 70: data row + 1 for the header).
    rows[9]["sanitation"] = "bucket"
    rows[22]["issued"] = "2026-02-30"
    rows[36]["expires"] = "2025-12-31"
    rows[50]["province_code"] = "01"
    rows[68]["head"] = ""
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in HEADER})
    print(f"wrote {OUT.name}: {len(rows)} households, 5 bad rows (11, 24, 38, 52, 70)")


if __name__ == "__main__":
    main()
