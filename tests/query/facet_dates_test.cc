// The date histogram and the relative-date counts of day values (YYYYMMDD), checked
// against the C library's calendar (timegm) on every day of four decades.
#include <catch2/catch.hpp>
#include <cstdio>
#include <ctime>
#include <string>

#include "query/facets/facets.h"

namespace gazette::query {
namespace {

// The YYYYMMDD key and the start (UTC) of the day `days` after 1970-01-01.
std::string DayKey(std::int64_t days, std::int64_t* start) {
  *start = days * 86400;
  const std::time_t t = static_cast<std::time_t>(*start);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char key[40];
  std::snprintf(key, sizeof key, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return key;
}

TEST_CASE("Relative dates count each day by its age in whole days from the origin's day") {
  // 1990-01-01 .. 2030-12-31, one article a day, scaled by 3.
  ValueCounts days;
  std::int64_t start = 0;
  const std::int64_t first = 7305, last = 22279;
  for (std::int64_t d = first; d <= last; ++d) days[DayKey(d, &start)] = 1;
  days["bad"] = 5;  // not a day: ignored
  for (std::int64_t origin_day : {first - 3, first, first + 5, std::int64_t{19000}, last}) {
    const std::int64_t origin = origin_day * 86400 + 43210;  // mid-day
    const auto out = RelativeDates(days, 3, origin);
    REQUIRE(out.size() == 4);
    const int windows[] = {1, 7, 30, 365};
    for (int i = 0; i < 4; ++i) {
      INFO(out[static_cast<std::size_t>(i)].key << " at day " << origin_day);
      const std::int64_t lo = std::max(first, origin_day - windows[i] + 1);
      const std::int64_t expected = origin_day < first ? 0 : origin_day - lo + 1;
      CHECK(out[static_cast<std::size_t>(i)].count == static_cast<std::uint64_t>(3 * expected));
    }
  }
  // One day at a time against timegm: the day of the origin counts as "today".
  for (std::int64_t d = first; d <= last; d += 97) {
    ValueCounts one{{DayKey(d, &start), 1}};
    CHECK(RelativeDates(one, 1, start)[0].count == 1);
    CHECK(RelativeDates(one, 1, start - 1)[3].count == 0);
    CHECK(RelativeDates(one, 1, start + 364 * 86400)[3].count == 1);
    CHECK(RelativeDates(one, 1, start + 365 * 86400)[3].count == 0);
  }
}

TEST_CASE("The date histogram buckets by month over two months or more, else by day") {
  ValueCounts days;
  std::int64_t start = 0;
  std::uint64_t total = 0;
  for (std::int64_t d = 19000; d < 19400; d += 3) {
    days[DayKey(d, &start)] = static_cast<std::uint64_t>(d % 7 + 1);
    total += static_cast<std::uint64_t>(d % 7 + 1);
  }
  std::string interval;
  auto months = DateHistogram(days, 2, &interval);
  CHECK(interval == "month");
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < months.size(); ++i) {
    sum += months[i].count;
    CHECK(months[i].key.size() == 7);
    if (i > 0) CHECK(months[i - 1].key < months[i].key);
  }
  CHECK(sum == 2 * total);
  CHECK(months.front().key ==
        DayKey(19000, &start).substr(0, 4) + "-" + DayKey(19000, &start).substr(4, 2));
  // 2022-01-08 .. 2022-02-20: under two months, by day.
  ValueCounts few{{"20220108", 2}, {"20220220", 1}, {"x", 9}};
  auto by_day = DateHistogram(few, 1, &interval);
  CHECK(interval == "day");
  REQUIRE(by_day.size() == 2);
  CHECK(by_day[0].key == "2022-01-08");
  CHECK(by_day[1].key == "2022-02-20");
  CHECK(DateHistogram(ValueCounts{}, 1, &interval).empty());
  CHECK(interval == "day");
}

}  // namespace
}  // namespace gazette::query
