class Solution:
    def mySqrt(self, x: int) -> int:
        return int(x ** 0.5)
