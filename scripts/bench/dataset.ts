// The benchmark dataset's contract, shared by every benchmark (decision 015): which hospitals
// `npm run bench:data` creates, how big, and the user who can sign in to them.
export const BENCH_BIG = { slug: "bench-big", patients: 100_000 };
export const BENCH_SMALL_COUNT = 999;
export const BENCH_SMALL_FIRST = { slug: "bench-0001", patients: 100 };
export const BENCH_USER = { email: "bench@bench.demo", displayName: "Bác sĩ Đo Hiệu Năng" };

export function benchSlug(n: number): string {
  return `bench-${String(n).padStart(4, "0")}`;
}

/** Patients of small hospital n (1..999): bench-0001 has 100, the others 200-3,800 (about 2,000 on average). */
export function benchSmallSize(n: number): number {
  return n === 1 ? BENCH_SMALL_FIRST.patients : 200 + ((n * 7919) % 3601);
}
