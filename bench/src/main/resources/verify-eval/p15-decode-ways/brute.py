class Solution:
    def numDecodings(self, s):
        if s == '':
            return 1
        total = 0
        for size in (1, 2):
            head = s[:size]
            if len(head) == size and head[0] != '0' and 1 <= int(head) <= 26:
                total += self.numDecodings(s[size:])
        return total
