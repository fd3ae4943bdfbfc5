// Legacy encodings: text converted from UTF-8 with ICU's converters reads back as the
// same UTF-8, by declaration, detection or the windows-1252 fallback.
#include "corpus/encoding.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/legacy_encoding.h"

namespace gazette::corpus {
namespace {

using testing::Encode;

struct Sample {
  const char* encoding;
  const char* text;
};

// News sentences in Simplified and Traditional Chinese, Japanese and Korean.
const Sample kSamples[] = {
    {"GB18030",
     "北京是中华人民共和国的首都，也是全国的政治、文化和国际交往中心。今天上午，北京市政府召开"
     "新闻发布会，介绍了今年城市交通建设的最新进展。记者了解到，北京地铁新线路将于年底开通运营，"
     "市民出行将更加便利。"},
    {"Big5",
     "臺北市政府今天宣布，新的捷運路線將在明年正式通車。市長表示，這項建設將大幅改善市民的交通"
     "狀況，並促進地方經濟發展。許多民眾對此表示歡迎，希望工程能夠如期完成。"},
    {"Shift_JIS",
     "東京都は今日、新しい地下鉄の路線を来年開業すると発表しました。知事は、この事業によって"
     "市民の交通の便が大きく改善され、地域経済の発展にもつながると述べました。多くの市民が"
     "この知らせを歓迎しています。"},
    {"EUC-KR",
     "서울시는 오늘 새로운 지하철 노선을 내년에 개통한다고 발표했습니다. 시장은 이번 사업이 "
     "시민들의 교통 편의를 크게 개선하고 지역 경제 발전에 도움이 될 것이라고 말했습니다. "
     "많은 시민들이 이 소식을 환영했습니다."},
};

TEST_CASE("legacy CJK text is detected and read back as the same UTF-8") {
  for (const Sample& s : kSamples) {
    INFO(s.encoding);
    std::string text = Encode(s.text, s.encoding);
    REQUIRE(text != s.text);
    const Decoding d = DecodeToUtf8(&text, "");
    CHECK(d.changed);
    CHECK(d.encoding == s.encoding);
    CHECK(d.reason.rfind("detected, confidence ", 0) == 0);
    CHECK(text == s.text);
    CHECK(d.Describe() ==
          "not valid UTF-8; decoded as " + std::string(s.encoding) + " (" + d.reason + ")");
  }
}

TEST_CASE("a declared encoding is used before detection") {
  for (const Sample& s : kSamples) {
    INFO(s.encoding);
    std::string text = Encode(s.text, s.encoding);
    const Decoding d = DecodeToUtf8(&text, s.encoding);
    CHECK(d.encoding == s.encoding);
    CHECK(d.reason == "declared");
    CHECK(text == s.text);
  }
}

TEST_CASE("valid UTF-8 is untouched - stray bytes in UTF-8 text are read as windows-1252") {
  std::string utf8 = kSamples[0].text;
  CHECK_FALSE(DecodeToUtf8(&utf8, "Big5").changed);
  CHECK(utf8 == kSamples[0].text);

  std::string mixed = std::string(kSamples[0].text) +
                      " price \xA3"
                      "5";
  const Decoding d = DecodeToUtf8(&mixed, "");
  CHECK(d.encoding == "windows-1252");
  CHECK(d.Describe() == "not valid UTF-8; decoded as windows-1252");
  CHECK(mixed == std::string(kSamples[0].text) +
                     " price \xC2\xA3"
                     "5");
}

TEST_CASE("text nothing recognises falls back to windows-1252") {
  std::string text = "caf\xE9 \x80";  // too short for detection to be confident
  const Decoding d = DecodeToUtf8(&text, "");
  CHECK(d.changed);
  CHECK(d.encoding == "windows-1252");
  CHECK(text == "caf\xC3\xA9 \xE2\x82\xAC");
}

TEST_CASE("CheckEncoding knows ICU's names and refuses others") {
  CHECK(CheckEncoding("gb18030").ok());
  CHECK(CheckEncoding("Shift_JIS").ok());
  CHECK(CheckEncoding("windows-1252").ok());
  const Status bad = CheckEncoding("klingon-8");
  CHECK(bad.code() == StatusCode::kInvalidArgument);
  CHECK(bad.message() == "unknown encoding \"klingon-8\"");
  CHECK_FALSE(CheckEncoding("").ok());
}

}  // namespace
}  // namespace gazette::corpus
