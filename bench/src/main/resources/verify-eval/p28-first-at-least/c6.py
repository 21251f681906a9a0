from bisect import bisect_right
import sys
data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
a = [int(v) for v in data[2:2 + n]]
print('\n'.join(str(bisect_right(a, int(v)) + 1) for v in data[2 + n:]))
