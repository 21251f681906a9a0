import sys
from fractions import Fraction
import math
d = sys.stdin.read().split()
for i in range(int(d[0])):
    a, b, c = int(d[1 + 3 * i]), int(d[2 + 3 * i]), int(d[3 + 3 * i])
    print(math.floor(Fraction(a) * b / c))
