s = input().strip()
idx = {}
begin, res = 0, 0
for i in range(len(s)):
    if s[i] in idx:
        begin = idx[s[i]] + 1
    idx[s[i]] = i
    res = max(res, i - begin + 1)
print(res)
