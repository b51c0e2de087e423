"""Reads one mail file and prints, as JSON, what Python's email package makes of it (email.policy.default):
the decoded subject, addresses and body, parser defects, and whether every RFC 2047 encoded word decodes to
whole UTF-8 characters on its own. Used by mime_message_test.cc and smtp_sender_test.cc (rule M1)."""
import base64
import email
import email.policy
import json
import quopri
import re
import sys

WORD = re.compile(r"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")


def decode_word(encoding, text):
    if encoding.upper() == "B":
        return base64.b64decode(text, validate=True)
    return quopri.decodestring(text.replace("_", " ").encode("ascii"), header=True)


def word_report(raw_value):
    words = []
    for m in WORD.finditer(raw_value):
        entry = {"word": m.group(0), "length": len(m.group(0)), "whole_chars": True}
        try:
            decode_word(m.group(2), m.group(3)).decode("utf-8", errors="strict")
        except (UnicodeDecodeError, ValueError):
            entry["whole_chars"] = False
        words.append(entry)
    return words


def main():
    data = open(sys.argv[1], "rb").read()
    msg = email.message_from_bytes(data, policy=email.policy.default)
    raw = email.message_from_bytes(data, policy=email.policy.compat32)
    out = {
        "subject": str(msg["subject"]),
        "from": [{"name": a.display_name, "addr": a.addr_spec} for a in msg["from"].addresses],
        "to": [{"name": a.display_name, "addr": a.addr_spec} for a in msg["to"].addresses],
        "message_id": str(msg["message-id"]),
        "date": str(msg["date"]),
        "content_type": msg.get_content_type(),
        "charset": msg.get_content_charset(),
        "cte": str(msg["content-transfer-encoding"]),
        "list_unsubscribe": str(msg["list-unsubscribe"]) if msg["list-unsubscribe"] else None,
        "list_unsubscribe_post": str(msg["list-unsubscribe-post"]) if msg["list-unsubscribe-post"] else None,
        "body": msg.get_content().replace("\r\n", "\n"),
        "defects": [type(d).__name__ for d in msg.defects],
        "header_defects": {k: [type(d).__name__ for d in msg[k].defects] for k in ("subject", "from", "to")},
        "words": {k: word_report(raw[k] or "") for k in ("Subject", "From", "To")},
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
