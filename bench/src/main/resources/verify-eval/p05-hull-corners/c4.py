def main():
    n = int(input())
    P = sorted(tuple(map(int, input().split())) for _ in range(n))
    if n < 3:
        print(n); return
    def turn(a, b, c):
        return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
    hull = []
    for seq in (P, P[::-1]):
        part = []
        for p in seq:
            while len(part) > 1 and turn(part[-2], part[-1], p) < 0:
                part.pop()
            part.append(p)
        hull += part[:-1]
    print(len(set(hull)))
main()
