class Solution:
    def rob(self, nums: List[int]) -> int:
        def line(a):
            p, q = 0, 0
            for x in a:
                p, q = q, max(q, p + x)
            return q
        return max(line(nums[1:]), line(nums[:-1]))
