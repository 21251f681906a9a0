import sys, math
from fractions import Fraction
d = list(map(int, sys.stdin.read().split()))
print(math.floor(Fraction(sum(d[1:1 + d[0]]), d[0]) + Fraction(1, 2)))
