q = int(input())
box = []
for _ in range(q):
    op = input().split()
    if op[0] == 'add':
        box.append(int(op[1]))
    elif box:
        m = min(box)
        box.remove(m)
        print(m)
    else:
        print(-1)
