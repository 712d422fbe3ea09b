namespace ElumentaBot.Tests.Formatting;

/// <summary>A long answer in the shape GPT-class models give to "how do I rate-limit my bot?".</summary>
internal static class LongAnswerSample
{
    public const string Markdown = """"
# Ограничение частоты запросов в Telegram-боте 🚦

Отличный вопрос! Ниже — **полное руководство** по тому, как защитить бота от флуда и не упереться в лимиты Telegram. Я покажу решение на *Python* (aiogram 3) и на **C#** (.NET 8), а в конце сравню подходы в таблице.

> ⚠️ **Важно:** Telegram сам ограничивает ботов: примерно *30 сообщений в секунду* суммарно и *1 сообщение в секунду* в один чат. Если превысить лимит, API вернёт `429 Too Many Requests` с полем `retry_after`.

## 1. Какие бывают лимиты

Прежде чем писать код, разберёмся, что именно мы ограничиваем:

1. **Входящие запросы пользователя** — сколько сообщений человек может отправить боту за минуту.
2. **Исходящие сообщения бота** — сколько мы сами шлём в Telegram.
   - в личные чаты: не больше ~1 msg/s на чат;
   - в группы: не больше 20 msg/min на группу;
     - причём редактирования тоже считаются!
3. **Дорогие операции** — вызовы LLM, генерация картинок, транскрибация голосовых.

Типичная ошибка — ограничивать только первое и забывать про третье. В итоге один активный пользователь может сжечь весь бюджет на API за вечер 💸.

### Алгоритмы

- **Token bucket** (ведро с токенами) — классика, допускает короткие всплески.
- **Sliding window** (скользящее окно) — точнее считает, но хранит больше данных.
- **Fixed window** — самый простой, но на границе окон пропускает двойной объём.
- [ ] Leaky bucket — рассмотрим в другой раз
- [x] Token bucket — реализуем ниже

Подробнее можно почитать в [документации Telegram](https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this) и в статье [Rate limiting strategies](https://en.wikipedia.org/wiki/Rate_limiting).

## 2. Реализация на Python (aiogram 3)

Ниже — готовый модуль. Он хранит состояние в SQLite, поэтому лимиты переживают перезапуск бота. Обратите внимание на `asyncio.Lock` — без него два апдейта от одного пользователя могут одновременно «снять» один и тот же токен.

```python
"""
rate_limit.py — token bucket rate limiter for aiogram 3 bots.

Usage:
    limiter = RateLimiter(db_path="limits.db", capacity=5, refill_per_sec=0.2)
    dp.message.middleware(RateLimitMiddleware(limiter))
"""
from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

log = logging.getLogger(__name__)


@dataclass
class Bucket:
    tokens: float
    updated_at: float

    def refill(self, capacity: int, rate: float, now: float) -> None:
        elapsed = max(0.0, now - self.updated_at)
        self.tokens = min(capacity, self.tokens + elapsed * rate)
        self.updated_at = now


class RateLimiter:
    """Token bucket per user, persisted in SQLite so restarts don't reset limits."""

    def __init__(self, db_path: str, capacity: int = 5, refill_per_sec: float = 0.2) -> None:
        if capacity <= 0 or refill_per_sec <= 0:
            raise ValueError("capacity and refill_per_sec must be positive")
        self.capacity = capacity
        self.rate = refill_per_sec
        self._db = sqlite3.connect(db_path, check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS buckets ("
            " user_id INTEGER PRIMARY KEY,"
            " tokens REAL NOT NULL,"
            " updated_at REAL NOT NULL)"
        )
        self._db.commit()
        self._locks: Dict[int, asyncio.Lock] = {}

    def _lock_for(self, user_id: int) -> asyncio.Lock:
        lock = self._locks.get(user_id)
        if lock is None:
            lock = self._locks[user_id] = asyncio.Lock()
        return lock

    def _load(self, user_id: int, now: float) -> Bucket:
        row = self._db.execute(
            "SELECT tokens, updated_at FROM buckets WHERE user_id = ?", (user_id,)
        ).fetchone()
        if row is None:
            return Bucket(tokens=float(self.capacity), updated_at=now)
        return Bucket(tokens=row[0], updated_at=row[1])

    def _save(self, user_id: int, bucket: Bucket) -> None:
        self._db.execute(
            "INSERT INTO buckets (user_id, tokens, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET tokens = excluded.tokens, "
            "updated_at = excluded.updated_at",
            (user_id, bucket.tokens, bucket.updated_at),
        )
        self._db.commit()

    async def try_acquire(self, user_id: int, cost: float = 1.0) -> tuple[bool, float]:
        """Returns (allowed, seconds_until_next_token)."""
        async with self._lock_for(user_id):
            now = time.monotonic()
            bucket = self._load(user_id, now)
            bucket.refill(self.capacity, self.rate, now)
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                self._save(user_id, bucket)
                return True, 0.0
            wait = (cost - bucket.tokens) / self.rate
            self._save(user_id, bucket)
            return False, wait


class RateLimitMiddleware(BaseMiddleware):
    """Drops updates from users who exceed their bucket and tells them when to retry."""

    def __init__(self, limiter: RateLimiter, notify_every: float = 10.0) -> None:
        self.limiter = limiter
        self.notify_every = notify_every
        self._last_notice: Dict[int, float] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, Dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: Dict[str, Any],
    ) -> Any:
        if not isinstance(event, Message) or event.from_user is None:
            return await handler(event, data)

        user_id = event.from_user.id
        allowed, wait = await self.limiter.try_acquire(user_id)
        if allowed:
            return await handler(event, data)

        now = time.monotonic()
        if now - self._last_notice.get(user_id, 0.0) >= self.notify_every:
            self._last_notice[user_id] = now
            await event.answer(
                f"⏳ Слишком много запросов. Попробуйте через {wait:.0f} с."
            )
        log.info("rate limited user=%s wait=%.1fs", user_id, wait)
        return None
```

Несколько замечаний к коду:

- `time.monotonic()` вместо `time.time()` — иначе перевод системных часов сломает расчёт.
- Если `a < b && c > d` в вашем условии выглядит странно — это нормально, в Python пишут `a < b and c > d` 🙂
- Для нескольких инстансов бота SQLite не подойдёт: берите Redis и `INCR` + `EXPIRE` или Lua-скрипт.

## 3. Реализация на C# (.NET 8)

В .NET 7+ есть встроенный `System.Threading.RateLimiting`, так что велосипед писать не нужно:

```csharp
using System.Collections.Concurrent;
using System.Threading.RateLimiting;

public sealed class UserRateLimiter : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, TokenBucketRateLimiter> _limiters = new();

    private static TokenBucketRateLimiter Create() => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 5,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(5),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public async ValueTask<(bool Allowed, TimeSpan? RetryAfter)> TryAcquireAsync(long userId, CancellationToken ct)
    {
        var limiter = _limiters.GetOrAdd(userId, _ => Create());
        using RateLimitLease lease = await limiter.AcquireAsync(1, ct);
        if (lease.IsAcquired)
            return (true, null);

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
            ? (false, retry)
            : (false, TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters.Values)
            await limiter.DisposeAsync();
    }
}
```

Использование в обработчике обновлений:

```csharp
var (allowed, retryAfter) = await rateLimiter.TryAcquireAsync(message.From!.Id, ct);
if (!allowed)
{
    await bot.SendMessage(message.Chat.Id, $"⏳ Подождите {retryAfter?.TotalSeconds:0} с.", cancellationToken: ct);
    return;
}
```

## 4. Сравнение подходов

| Подход | Точность | Память | Всплески | Сложность |
|:-------|:--------:|-------:|:--------:|-----------|
| Fixed window | низкая | O(1) | ❌ | простая |
| Sliding window | высокая | O(n) | ❌ | средняя |
| Token bucket | высокая | O(1) | ✅ | средняя |
| Leaky bucket | высокая | O(1) | ❌ | средняя |

## 5. Частые ошибки и как их избежать

**Ошибка 1: лимит в памяти процесса.** Самый частый сценарий выглядит так: разработчик кладёт счётчики в словарь, всё отлично работает локально, а после деплоя на два инстанса пользователи внезапно получают вдвое больше запросов. Ещё хуже — после каждого рестарта все лимиты обнуляются, и злоумышленнику достаточно дождаться очередного деплоя. Решение простое: храните состояние во внешнем хранилище или хотя бы в файле базы данных рядом с ботом.

**Ошибка 2: одинаковая цена для всех операций.** Текстовый запрос к маленькой модели стоит доли цента, а генерация видео — доллары. Если у них общий лимит «10 запросов в минуту», то пользователь либо упрётся в лимит на дешёвых операциях, либо сожжёт бюджет на дорогих. Используйте параметр `cost` в `try_acquire`: например, *1 токен* за текст, *20 токенов* за картинку и *200* за видео.

**Ошибка 3: молчаливый отказ.** Если бот просто игнорирует сообщение, человек думает, что бот сломался, и пишет ещё пять раз подряд. В итоге нагрузка только растёт. Всегда отвечайте, но не чаще одного раза в несколько секунд — иначе сам ответ «подождите» станет флудом.

**Ошибка 4: игнорирование `retry_after`.** Когда Telegram возвращает `429`, в теле ответа есть точное число секунд. Некоторые библиотеки по умолчанию повторяют запрос через 1 секунду, и бот получает бан всё дольше и дольше. Вот как выглядит правильный ответ API:

> ```json
> {"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 35", "parameters": {"retry_after": 35}}
> ```
> Ждать нужно именно **35 секунд**, а не «немного».

**Ошибка 5: HTML-разметка в ответах модели.** Если вы отправляете ответ LLM с `parse_mode=HTML`, любой символ `<` в тексте (например, `List<int>` или `x < 10`) приведёт к ошибке `can't parse entities`. Экранируйте `&`, `<` и `>`, а ещё лучше — конвертируйте Markdown модели в HTML-подмножество Telegram и проверяйте результат перед отправкой. Вот пример «опасного» вывода модели, который ломает наивных ботов: <script>alert("hi")</script> и <b>незакрытый тег.

Для самопроверки пройдитесь по чек-листу:

- Лимиты хранятся вне процесса
  - SQLite для одного инстанса
  - Redis для нескольких
    - с Lua-скриптом для атомарности
- У каждой операции своя «цена»
- Пользователь видит, *сколько* ждать
- Ответы `429` обрабатываются по `retry_after`
- Разметка экранируется и валидируется

Ещё один совет напоследок: логируйте каждое срабатывание лимита вместе с `user_id` и типом операции. Через неделю по этим логам станет видно, какие лимиты слишком строгие (ими упираются обычные пользователи), а какие слишком мягкие (ими никто не упирается, но счёт за API растёт). Настраивать лимиты «на глаз» без данных — верный способ либо разозлить пользователей, либо разориться 📉.

## 6. Итоги

1. Ограничивайте **и входящие запросы, и дорогие операции** — это разные лимиты.
2. Обрабатывайте `429` от Telegram: ждите `retry_after` секунд, а не фиксированную паузу.
3. Храните состояние там, где оно переживёт перезапуск (SQLite, Redis, Postgres).
4. Сообщайте пользователю, *когда* он сможет продолжить — это снижает число повторных запросов ~~в разы~~ заметно.

---

Если хотите, могу показать вариант на **Redis + Lua** для нескольких инстансов или добавить ___отдельные лимиты___ для платных тарифов. Удачи с ботом! 🚀
"""";
}
