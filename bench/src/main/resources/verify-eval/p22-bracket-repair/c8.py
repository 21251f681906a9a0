s = input().strip()
cur = low = 0
for c in s:
    cur += 1 if c == '(' else -1
    low = min(low, cur)
print(-low + (cur - low))
