-- C2: a record's search text keeps one space between two Latin words of a field, so that "Octopus Books" no
-- longer contains the word "usb"; Japanese spacing still never decides a match. The texts already there are
-- made again after this file (store::RefreshSearchTexts): the rule lives in C++, where imports apply it.
DO 0;
