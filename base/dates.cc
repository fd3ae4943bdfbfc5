// ISO-8601 dates: parsing into epoch seconds and printing them back.
#include "base/dates.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace gazette {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

bool IsLeapYear(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(std::int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

struct CivilDate {
  std::int64_t year;
  int month;
  int day;
};

CivilDate CivilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// A cursor over the date text; every Read* consumes only on success.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  void Skip() { ++pos_; }

  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  // Reads exactly `digits` decimal digits.
  bool ReadNumber(int digits, int* out) {
    if (text_.size() - pos_ < static_cast<std::size_t>(digits)) return false;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += digits;
    *out = value;
    return true;
  }

  void SkipDigits() {
    while (Peek() >= '0' && Peek() <= '9') ++pos_;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Status Invalid(std::string_view text, std::string_view reason) {
  std::string message = "invalid date \"";
  message.append(text).append("\": ").append(reason);
  return Status::InvalidArgument(std::move(message));
}

std::string TwoDigits(int value) {
  return std::string{static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

}  // namespace

// Howard Hinnant's algorithm.
std::int64_t DaysFromCivil(std::int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::string FormatIsoUtc(std::int64_t seconds) {
  std::int64_t days = seconds / kSecondsPerDay;
  std::int64_t rest = seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  const CivilDate date = CivilFromDays(days);
  std::string year = std::to_string(date.year);
  if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
  const int hour = static_cast<int>(rest / 3600);
  const int minute = static_cast<int>(rest / 60 % 60);
  const int second = static_cast<int>(rest % 60);
  return year + "-" + TwoDigits(date.month) + "-" + TwoDigits(date.day) + "T" + TwoDigits(hour) +
         ":" + TwoDigits(minute) + ":" + TwoDigits(second) + "Z";
}

Result<std::int64_t> ParseIsoDateTime(std::string_view text) {
  Scanner in(text);
  int year = 0;
  int month = 0;
  int day = 0;
  if (!in.ReadNumber(4, &year) || !in.Consume('-') || !in.ReadNumber(2, &month) ||
      !in.Consume('-') || !in.ReadNumber(2, &day)) {
    return Invalid(text, "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  }
  if (month < 1 || month > 12)
    return Invalid(text, "month " + std::to_string(month) + " is out of range");
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Invalid(text, "day " + std::to_string(day) + " does not exist in " +
                             std::to_string(year) + "-" + TwoDigits(month));
  }
  std::int64_t seconds = DaysFromCivil(year, month, day) * kSecondsPerDay;
  if (in.AtEnd()) return seconds;

  if (!in.Consume('T') && !in.Consume('t') && !in.Consume(' ')) {
    return Invalid(text, "expected 'T' between the date and the time");
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!in.ReadNumber(2, &hour) || !in.Consume(':') || !in.ReadNumber(2, &minute)) {
    return Invalid(text, "expected the time as HH:MM or HH:MM:SS");
  }
  if (in.Consume(':')) {
    if (!in.ReadNumber(2, &second)) return Invalid(text, "expected two digits of seconds");
    if (in.Peek() == '.' || in.Peek() == ',') {
      in.Skip();
      if (in.Peek() < '0' || in.Peek() > '9') return Invalid(text, "expected fraction digits");
      in.SkipDigits();  // Sub-second precision is dropped: the model stores whole seconds.
    }
  }
  if (hour > 23) return Invalid(text, "hour " + std::to_string(hour) + " is out of range");
  if (minute > 59) return Invalid(text, "minute " + std::to_string(minute) + " is out of range");
  // 60 is a leap second; it lands on the next minute's first second.
  if (second > 60) return Invalid(text, "second " + std::to_string(second) + " is out of range");
  seconds += hour * 3600 + minute * 60 + second;

  if (in.AtEnd() || in.Consume('Z') || in.Consume('z')) {
    if (!in.AtEnd()) return Invalid(text, "unexpected text after the time zone");
    return seconds;
  }
  const char sign = in.Peek();
  if (sign != '+' && sign != '-') return Invalid(text, "expected 'Z' or an offset like +09:00");
  in.Skip();
  int offset_hours = 0;
  int offset_minutes = 0;
  if (!in.ReadNumber(2, &offset_hours)) return Invalid(text, "expected an offset like +09:00");
  if (!in.AtEnd()) {
    in.Consume(':');
    if (!in.ReadNumber(2, &offset_minutes)) return Invalid(text, "expected an offset like +09:00");
  }
  if (!in.AtEnd()) return Invalid(text, "unexpected text after the time zone");
  if (offset_hours > 23 || offset_minutes > 59)
    return Invalid(text, "time zone offset is out of range");
  const std::int64_t offset = offset_hours * 3600 + offset_minutes * 60;
  // Local time = UTC + offset, so UTC = local - offset.
  return sign == '+' ? seconds - offset : seconds + offset;
}

}  // namespace gazette
