import sys
s = sys.stdin.readline().strip()
open_cnt = sum(1 for c in s if c == '(')
close_cnt = len(s) - open_cnt
print(abs(open_cnt - close_cnt))
