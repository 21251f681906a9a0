class Solution:
    def subarraySum(self, nums: List[int], k: int) -> int:
        left = 0
        cur = 0
        ans = 0
        for right, x in enumerate(nums):
            cur += x
            while cur > k and left <= right:
                cur -= nums[left]
                left += 1
            if cur == k:
                ans += 1
        return ans
