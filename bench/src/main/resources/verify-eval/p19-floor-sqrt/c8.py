import math
class Solution:
    def mySqrt(self, x: int) -> int:
        r = int(math.sqrt(x))
        while r * r > x:
            r -= 1
        while (r + 1) * (r + 1) <= x:
            r += 1
        return r
