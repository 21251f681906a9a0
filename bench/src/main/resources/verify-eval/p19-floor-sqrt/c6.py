from math import sqrt, floor
class Solution:
    def mySqrt(self, x: int) -> int:
        return floor(sqrt(x))
