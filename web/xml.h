// Escaping text for XML documents (Atom feeds, OpenSearch descriptions).
#ifndef GAZETTE_WEB_XML_H_
#define GAZETTE_WEB_XML_H_

#include <string>
#include <string_view>

namespace gazette::web {

// `text` as XML character data or attribute value: markup characters become entities,
// characters XML 1.0 forbids (C0 controls but tab, newline and return) are dropped and
// bytes that are not UTF-8 become U+FFFD, so the result is always well-formed.
std::string XmlEscape(std::string_view text);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_XML_H_
