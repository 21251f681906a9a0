from itertools import combinations_with_replacement, product
s = input().strip()
def ok(t):
    b = 0
    for c in t:
        b += 1 if c == '(' else -1
        if b < 0:
            return False
    return b == 0
k = 0
while True:
    found = False
    for pos in combinations_with_replacement(range(len(s) + 1), k):
        for chars in product('()', repeat=k):
            t = list(s)
            for p, c in sorted(zip(pos, chars), key=lambda x: -x[0]):
                t.insert(p, c)
            if ok(t):
                found = True
                break
        if found:
            break
    if found:
        print(k)
        break
    k += 1
