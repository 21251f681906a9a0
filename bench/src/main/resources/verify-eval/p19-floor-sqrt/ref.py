import math
class Solution:
    def mySqrt(self, x):
        return math.isqrt(x)
