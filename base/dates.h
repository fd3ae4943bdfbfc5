// ISO-8601 dates and date-times, as seconds since the epoch (UTC).
#ifndef GAZETTE_BASE_DATES_H_
#define GAZETTE_BASE_DATES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace gazette {

// Days since 1970-01-01 of the proleptic Gregorian date year-month-day (month 1..12),
// as timegm of its midnight divided by 86,400 gives.
std::int64_t DaysFromCivil(std::int64_t year, int month, int day);

// Formats seconds since the epoch as ISO-8601 UTC, e.g. "2022-09-12T14:23:00Z".
std::string FormatIsoUtc(std::int64_t seconds);

// Parses an ISO-8601 date ("2022-09-12") or date-time ("2022-09-12T14:23:00Z",
// "2010-05-22T14:30:00+09:00", fractional seconds allowed; no zone = UTC) into seconds
// since the epoch, UTC. Impossible dates (2023-02-30, month 13, hour 25) are
// InvalidArgument with a message quoting the text.
Result<std::int64_t> ParseIsoDateTime(std::string_view text);

}  // namespace gazette

#endif  // GAZETTE_BASE_DATES_H_
