// Made-up but believable Vietnamese names for demo and training data, in Vietnamese order (family name,
// middle name, given name), always with their diacritics. Surname weights follow their rough share of
// the population; mountain districts add the naming customs of the Thái and H'Mông peoples.
import type { Random } from "./random";

type Sex = "female" | "male";
type Weighted = readonly (readonly [string, number])[];

/** Naming customs, mixed in different proportions per hospital. */
export const NAME_TRADITIONS = ["kinhNorth", "kinhSouth", "thai", "hmong"] as const;
export type NameTradition = (typeof NAME_TRADITIONS)[number];

const KINH_NORTH_SURNAMES: Weighted = [
  ["Nguyễn", 38], ["Trần", 11], ["Lê", 9.5], ["Phạm", 7], ["Hoàng", 5], ["Phan", 4.5], ["Vũ", 3.9],
  ["Đặng", 2.1], ["Bùi", 2], ["Đỗ", 1.4], ["Hồ", 1.3], ["Ngô", 1.3], ["Dương", 1], ["Lý", 0.5],
  ["Đinh", 0.8], ["Trịnh", 0.6], ["Mai", 0.5], ["Hà", 0.5],
];
// The south says Huỳnh and Võ where the north says Hoàng and Vũ.
const KINH_SOUTH_SURNAMES: Weighted = [
  ["Nguyễn", 38], ["Trần", 11], ["Lê", 9.5], ["Phạm", 6], ["Huỳnh", 5], ["Phan", 4.5], ["Võ", 3.9],
  ["Đặng", 2], ["Bùi", 1.5], ["Đỗ", 1.2], ["Hồ", 1.6], ["Ngô", 1.3], ["Dương", 1.1], ["Lý", 0.8],
  ["Trương", 1], ["Lâm", 0.6], ["Châu", 0.4], ["Tô", 0.3],
];

const KINH_MIDDLE: Record<Sex, Weighted> = {
  male: [["Văn", 30], ["Đức", 8], ["Minh", 10], ["Quốc", 5], ["Hữu", 5], ["Công", 4], ["Thanh", 5], ["Ngọc", 3], ["Xuân", 3], ["Hoàng", 3], ["Anh", 3], ["Trọng", 2]],
  female: [["Thị", 40], ["Ngọc", 6], ["Thu", 5], ["Thanh", 5], ["Minh", 3], ["Kim", 4], ["Mỹ", 3], ["Phương", 3], ["Hoài", 2], ["Thùy", 3], ["Hồng", 3]],
};

const KINH_GIVEN: Record<Sex, readonly string[]> = {
  male: [
    "An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khang", "Khoa", "Long", "Minh", "Nam", "Phúc",
    "Quân", "Sơn", "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Lộc", "Phát", "Tín", "Tâm",
    "Nghĩa", "Trí", "Hòa", "Kiên", "Lâm", "Thịnh", "Toàn", "Quang", "Hưng", "Dương",
  ],
  female: [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai", "My",
    "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Yến",
    "Ngọc", "Diễm", "Trinh", "Huệ", "Liên", "Nhàn", "Thơm", "Xuyến", "Đào",
  ],
};

// Children born since about 2010 mostly carry two-word given names.
const MODERN_GIVEN: Record<Sex, readonly string[]> = {
  male: ["Gia Bảo", "Minh Khang", "Đức Anh", "Hoàng Nam", "Bảo Long", "Minh Quân", "Tuấn Kiệt", "Gia Huy", "Anh Khoa", "Phúc An"],
  female: ["Bảo Ngọc", "Khánh An", "Minh Anh", "Gia Hân", "Ngọc Diệp", "Bảo Châu", "Thảo My", "Hà Linh", "Tuệ Nhi", "Khánh Vy"],
};

// Thái communities of western Thanh Hóa and the north-west.
const THAI_SURNAMES: Weighted = [
  ["Lò", 10], ["Hà", 9], ["Vi", 5], ["Lương", 6], ["Cầm", 4], ["Lường", 3], ["Quàng", 3], ["Lữ", 2], ["Tòng", 2], ["Phạm", 3],
];
const THAI_GIVEN: Record<Sex, readonly string[]> = {
  male: ["Khăm", "Piếng", "Ón", "Phương", "Tiến", "Thanh", "Hoan", "Quyết", "Chiến", "Xôm", "Lả", "Inh", "Bun"],
  female: ["Ỏn", "Pọm", "Ăm", "Lả", "Khoái", "Ánh", "Hương", "Tươi", "Phượng", "Xiêng", "Ín"],
};

// H'Mông clan names; men traditionally take "A" as middle name, women "Thị".
const HMONG_SURNAMES: Weighted = [
  ["Giàng", 8], ["Thào", 7], ["Sùng", 6], ["Vàng", 6], ["Hờ", 4], ["Mùa", 4], ["Lầu", 4], ["Vừ", 4], ["Chá", 2], ["Hạng", 3],
];
const HMONG_GIVEN: Record<Sex, readonly string[]> = {
  male: ["Páo", "Chứ", "Dếnh", "Pó", "Sủa", "Tủa", "Lử", "Chông", "Sình", "Nhìa", "Dơ", "Khua"],
  female: ["Mỷ", "Pà", "Say", "Dua", "Mai", "Sua", "Chò", "Dinh", "Xá", "Ly", "Nhìa", "Chu"],
};

export function generateName(random: Random, tradition: NameTradition, sex: Sex, birthYear: number): string {
  switch (tradition) {
    case "thai":
      return `${random.weighted(THAI_SURNAMES)} ${sex === "male" ? "Văn" : "Thị"} ${random.pick(THAI_GIVEN[sex])}`;
    case "hmong":
      return `${random.weighted(HMONG_SURNAMES)} ${sex === "male" ? "A" : "Thị"} ${random.pick(HMONG_GIVEN[sex])}`;
    case "kinhNorth":
    case "kinhSouth": {
      const surname = random.weighted(tradition === "kinhNorth" ? KINH_NORTH_SURNAMES : KINH_SOUTH_SURNAMES);
      if (birthYear >= 2010 && random.chance(0.6)) return `${surname} ${random.pick(MODERN_GIVEN[sex])}`;
      const middle = random.weighted(KINH_MIDDLE[sex]);
      // Some women carry a second middle name: Trần Thị Ánh Tuyết.
      const extra = sex === "female" && middle === "Thị" && random.chance(0.2) ? ` ${random.pick(["Ánh", "Kim", "Thu", "Hồng", "Bích", "Mỹ"])}` : "";
      let given = random.pick(KINH_GIVEN[sex]);
      while (middle.endsWith(given) || extra.endsWith(given)) given = random.pick(KINH_GIVEN[sex]);
      return `${surname} ${middle}${extra} ${given}`;
    }
  }
}

/** The name as search sees it: lower case, no diacritics, đ as d (mirrors SQL emr_search_text). */
export function searchForm(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Whether a patient search for `query` would list `name`: every query word begins a word of the name. */
export function nameMatchesQuery(name: string, query: string): boolean {
  const words = searchForm(name).split(" ");
  return searchForm(query)
    .split(" ")
    .every((q) => words.some((w) => w.startsWith(q)));
}
