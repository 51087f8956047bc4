#!/usr/bin/env python3
"""Compare the cleaned texts that plantrack extract writes with the hand-
cleaned plans/sources/*.txt, ignoring where lines break: prints, per plan,
the characters in each and every span that differs."""
import difflib
import sys

mine_dir, hand_dir = sys.argv[1], sys.argv[2]
for plan in sys.argv[3:]:
    a = open(f"{mine_dir}/{plan}.txt", encoding="utf-8").read().replace("\n", "")
    b = open(f"{hand_dir}/{plan}.txt", encoding="utf-8").read().replace("\n", "")
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = [o for o in sm.get_opcodes() if o[0] != "equal"]
    print(f"- {plan}: {len(a)} characters cleaned, {len(b)} by hand, "
          f"{len(ops)} differing spans")
    for op, i1, i2, j1, j2 in ops:
        print(f"  - `…{a[max(0, i1 - 6):i1]}[{a[i1:i2]}]{a[i2:i2 + 6]}…` "
              f"by hand `[{b[j1:j2]}]`")
