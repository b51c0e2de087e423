// Japanese-aware text for catalogue search (rule C2): the one normal form that titles, names and subjects are
// indexed in and that query words are compared in, so that width, case and hiragana/katakana variants match
// (ＵＳＢ = usb, ｶﾒﾗ = カメラ = かめら) while voiced and unvoiced kana stay distinct (プ ≠ フ).
//
// Both functions are pure and thread-safe; the ICU normaliser is a process-wide immutable singleton.
#ifndef SHIORI_SERVER_TEXT_SEARCH_TEXT_H_
#define SHIORI_SERVER_TEXT_SEARCH_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace shiori::text {

// The search form of `utf8`:
//   1. NFKC with case folding (ICU nfkc_cf): full-width Latin and digits become ASCII, half-width katakana
//      become full-width (ｶﾞ → ガ), upper case becomes lower case, compatibility characters (①, ㈱) are expanded;
//   2. katakana become hiragana (カ → か, ヴ → ゔ); the long-vowel mark ー stays, so ラーメン = らーめん;
//   3. white space, punctuation (・、。「」!? …), control and format characters are dropped, so that
//      "ニュース・リスニング" contains "ニュースリスニング" and spacing never decides a match.
// Letters, digits, symbols (+ $ ♪ …) and marks are kept. Ill-formed UTF-8 bytes are dropped.
// The result is for comparing and substring matching only; never show it to anyone.
std::string NormalizeForSearch(absl::string_view utf8);

// A field of a record as it is searched: NormalizeForSearch of each of its space-separated words, joined as
// they come, except that two words whose ends are both Latin letters or digits keep one half-width space
// between them. Japanese has no spaces between words and its spacing never decides a match ("夏目 漱石" is
// "夏目漱石"), but English has: "Octopus Books" must not contain the word "usb" (C2).
std::string NormalizeFieldForSearch(absl::string_view field);

// The normalised pieces a typed query word is matched by, each to be found in the text (C2): the word as a
// field (NormalizeFieldForSearch), with ASCII punctuation read as a space first, split where it keeps a
// space between Latin words and where Latin letters meet digits. So "pride&prejudice" and "austen,jane" find
// what "pride prejudice" and "austen jane" find, and "windows10" finds "Windows 10" as well as "Windows10".
// Japanese words come back whole, as NormalizeForSearch makes them.
std::vector<std::string> QueryWordPieces(absl::string_view word);

// Splits a query or a keyword list into words at half-width white space and the full-width space U+3000
// (rule N4: keywords are separated by spaces of either width). Empty words are dropped; words are returned
// as typed (not normalised).
std::vector<std::string> SplitQueryWords(absl::string_view query);

// A magazine's series title as it is stored and looked up (R5: the next issue finds the former latest one):
// its words (SplitQueryWords) joined by one half-width space, so that "月刊　季節の台所" typed at a desk with a
// full-width space, or with two, is the series "月刊 季節の台所". Shown as stored.
std::string CanonicalSeriesTitle(absl::string_view series_title);

}  // namespace shiori::text

#endif  // SHIORI_SERVER_TEXT_SEARCH_TEXT_H_
