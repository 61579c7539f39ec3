#!/usr/bin/env python3
"""Validate the kefu e-commerce NLU data set (train.tsv / test.tsv).

Checks
  * UTF-8, header line exactly ``label<TAB>text``
  * every line has exactly two columns, non-empty text, no empty lines
  * label is one of the 29 intents
  * no duplicate lines; no text carrying two different labels
  * per-intent counts of Chinese / English lines (a line counts as Chinese
    if it contains any CJK character) against minimums
  * train/test: zero exact overlap after normalisation (NFKC, lower case,
    whitespace / punctuation / symbols removed); near-duplicates across the
    two files (character-bigram Jaccard >= --near) are reported as errors

Usage
  python3 check_data.py                # full check, both files
  python3 check_data.py --partial      # only intents present need minimums
Exit status 0 when no errors were found, 1 otherwise.  Standard library only.
"""
import argparse
import os
import sys
import unicodedata

INTENTS = [
    "greeting", "product_inquiry", "size_recommendation", "stock_availability",
    "price_promotion", "shipping_time", "shipping_courier", "invoice",
    "order_status", "payment_issue", "modify_address", "modify_order",
    "cancel_order", "urge_shipping", "logistics_tracking", "delivery_problem",
    "return_refund", "refund_status", "exchange", "quality_complaint",
    "usage_help", "complaint", "human_agent", "thanks", "goodbye", "affirm",
    "deny", "membership", "out_of_scope",
]
HEADER = "label\ttext"


def is_cjk(ch):
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF
            or 0x20000 <= cp <= 0x2A6DF or 0xF900 <= cp <= 0xFAFF)


def is_zh(text):
    return any(is_cjk(c) for c in text)


def normalise(text):
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text
                   if unicodedata.category(c)[0] not in ("P", "Z", "S", "C"))


def bigrams(s):
    if len(s) < 2:
        return {s}
    return {s[i:i + 2] for i in range(len(s) - 1)}


def load(path, errors):
    rows = []
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        errors.append(f"{path}: cannot read: {e}")
        return rows
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{path}: not UTF-8: {e}")
        return rows
    if data.startswith("\ufeff"):
        errors.append(f"{path}: has a BOM")
        data = data[1:]
    if "\r" in data:
        errors.append(f"{path}: contains CR characters")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != HEADER:
        errors.append(f"{path}: first line must be {HEADER!r}")
    seen = {}
    for no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            errors.append(f"{path}:{no}: empty line")
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            errors.append(f"{path}:{no}: expected 2 columns, got {len(cols)}")
            continue
        label, text = cols
        if label not in INTENTS:
            errors.append(f"{path}:{no}: unknown label {label!r}")
            continue
        if not text.strip() or text != text.strip():
            errors.append(f"{path}:{no}: empty text or surrounding whitespace")
        if line in seen:
            errors.append(f"{path}:{no}: duplicate of line {seen[line]}")
            continue
        seen[line] = no
        rows.append((no, label, text))
    return rows


def counts(rows):
    c = {i: [0, 0] for i in INTENTS}
    for _, label, text in rows:
        c[label][0 if is_zh(text) else 1] += 1
    return c


def check_file(path, rows, min_zh, min_en, partial, errors, warnings):
    by_norm = {}
    for no, label, text in rows:
        n = normalise(text)
        if n in by_norm:
            pno, plabel = by_norm[n]
            if plabel != label:
                errors.append(f"{path}:{no}: same text as line {pno} but "
                              f"label {label} vs {plabel}")
            else:
                warnings.append(f"{path}:{no}: same as line {pno} after "
                                "normalisation")
        else:
            by_norm[n] = (no, label)
    c = counts(rows)
    print(f"\n{os.path.basename(path)}: {len(rows)} examples")
    print(f"  {'intent':<20}{'zh':>5}{'en':>5}{'all':>6}")
    for i in INTENTS:
        zh, en = c[i]
        mark = ""
        if zh + en == 0 and partial:
            mark = "  (not yet)"
        elif zh < min_zh or en < min_en:
            mark = f"  < {min_zh}/{min_en}"
            errors.append(f"{path}: {i} has {zh} zh / {en} en, "
                          f"needs >= {min_zh} / {min_en}")
        print(f"  {i:<20}{zh:>5}{en:>5}{zh + en:>6}{mark}")
    tz = sum(v[0] for v in c.values())
    te = sum(v[1] for v in c.values())
    print(f"  {'TOTAL':<20}{tz:>5}{te:>5}{tz + te:>6}")


def check_overlap(train, test, near, errors):
    tr = [(no, label, normalise(t), t) for no, label, t in train]
    index = {}
    for no, label, n, t in tr:
        index.setdefault(n, (no, t))
    tr_grams = [(no, t, bigrams(n)) for no, label, n, t in tr if len(n) >= 4]
    exact = nearcount = 0
    for no, label, text in test:
        n = normalise(text)
        if n in index:
            exact += 1
            errors.append(f"test.tsv:{no}: {text!r} overlaps train.tsv:"
                          f"{index[n][0]} {index[n][1]!r}")
            continue
        if len(n) < 4:
            continue
        g = bigrams(n)
        for tno, ttext, tg in tr_grams:
            inter = len(g & tg)
            if inter and inter / len(g | tg) >= near:
                nearcount += 1
                errors.append(f"test.tsv:{no}: {text!r} is a near-duplicate "
                              f"of train.tsv:{tno} {ttext!r}")
                break
    print(f"\ntrain/test overlap: {exact} exact (normalised), "
          f"{nearcount} near-duplicates (bigram Jaccard >= {near})")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", default=os.path.join(here, "train.tsv"))
    ap.add_argument("--test", default=os.path.join(here, "test.tsv"))
    ap.add_argument("--train-min", default="48,18",
                    help="minimum zh,en examples per intent in train")
    ap.add_argument("--test-min", default="12,6",
                    help="minimum zh,en examples per intent in test")
    ap.add_argument("--near", type=float, default=0.8,
                    help="bigram Jaccard threshold for near-duplicates")
    ap.add_argument("--partial", action="store_true",
                    help="intents with no examples yet are not errors")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also print warnings")
    args = ap.parse_args()
    errors, warnings = [], []
    train = test = None
    for path, mins, key in ((args.train, args.train_min, "train"),
                            (args.test, args.test_min, "test")):
        if not os.path.exists(path):
            if args.partial:
                print(f"\n{os.path.basename(path)}: not present yet")
                continue
            errors.append(f"{path}: missing")
            continue
        mz, me = (int(x) for x in mins.split(","))
        rows = load(path, errors)
        check_file(path, rows, mz, me, args.partial, errors, warnings)
        if key == "train":
            train = rows
        else:
            test = rows
    if train is not None and test is not None:
        check_overlap(train, test, args.near, errors)
    if warnings:
        print(f"\n{len(warnings)} warning(s)")
        if args.verbose:
            for w in warnings:
                print("  WARN", w)
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors[:200]:
            print("  ERROR", e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
