s = input().strip()
p = input().strip()
i = cnt = 0
while i + len(p) <= len(s):
    if s[i:i + len(p)] == p:
        cnt += 1
        i += len(p)
    else:
        i += 1
print(cnt)
