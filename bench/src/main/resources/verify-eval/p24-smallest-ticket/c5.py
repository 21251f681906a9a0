q = int(input())
box = []
for _ in range(q):
    op = input().split()
    if op[0] == 'add':
        box.append(int(op[1]))
    elif box:
        print(box.pop(0))
    else:
        print(-1)
