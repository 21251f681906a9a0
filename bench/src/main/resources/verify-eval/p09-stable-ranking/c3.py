n = int(input())
players = []
for _ in range(n):
    name, score = input().split()
    players.append((name, int(score)))
players.sort(key=lambda x: x[1], reverse=True)
for name, _ in players:
    print(name)
