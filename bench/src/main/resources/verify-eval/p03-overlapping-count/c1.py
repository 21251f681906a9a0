s, p = open(0).read().split()
cnt, i = 0, s.find(p)
while i != -1:
    cnt += 1
    i = s.find(p, i + 1)
print(cnt)
