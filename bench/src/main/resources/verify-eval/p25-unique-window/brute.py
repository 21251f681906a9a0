s = input().strip()
best = 0
for i in range(len(s)):
    for j in range(i, len(s)):
        if len(set(s[i:j + 1])) == j - i + 1:
            best = max(best, j - i + 1)
print(best)
