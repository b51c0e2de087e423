"""An aiosmtpd handler for the SMTP tests: stores accepted mail in a Maildir like aiosmtpd.handlers.Mailbox,
but answers RCPT for chosen addresses with a refusal, so the sender's PERMANENT/TEMPORARY split (rules R15,
M1) meets a real server.

    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c reject_smtp.RejectingMailbox MAILDIR [RULE...]

with this folder on PYTHONPATH. A RULE is "550=ADDRESS" or "451=ADDRESS" (that reply to RCPT TO:<ADDRESS>),
or "550=*" to refuse every recipient."""
from aiosmtpd.handlers import Mailbox

TEXT = {
    550: "5.1.1 Recipient address rejected: User unknown",
    451: "4.3.0 Temporary local problem, try again later",
}


class RejectingMailbox(Mailbox):
    def __init__(self, mail_dir, rules):
        super().__init__(mail_dir)
        self.rules = rules

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.rules.get(address.lower(), self.rules.get("*"))
        if code is not None:
            return f"{code} {TEXT.get(code, 'Refused')}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) < 1:
            parser.error("The directory for the maildir is required")
        rules = {}
        for rule in args[1:]:
            code, sep, address = rule.partition("=")
            if not sep or not code.isdigit():
                parser.error(f"bad rule {rule!r}; want CODE=ADDRESS")
            rules[address.lower()] = int(code)
        return cls(args[0], rules)
