class Solution:
    def rob(self, nums):
        def line(a):
            take, skip = 0, 0
            for x in a:
                take, skip = skip + x, max(take, skip)
            return max(take, skip)
        if len(nums) == 1:
            return nums[0]
        return max(line(nums[1:]), line(nums[:-1]))
