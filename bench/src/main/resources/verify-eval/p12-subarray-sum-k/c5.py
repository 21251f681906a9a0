class Solution:
    def subarraySum(self, nums: List[int], k: int) -> int:
        window_sum, start, total = 0, 0, 0
        for end in range(len(nums)):
            window_sum += nums[end]
            while start <= end and window_sum > k:
                window_sum -= nums[start]
                start += 1
            if window_sum == k:
                total += 1
        return total
