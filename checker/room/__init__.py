"""The live workshop room: a small server the facilitator runs, and the client a learner copy uses.

    domain/          rooms, learners, progress, the board and who may see what (pure Python)
    application/     the use cases and the ports they need
    infrastructure/  SQLite through SQLAlchemy Core, tokens, the rate limiter
    interface/       the FastAPI edge: schemas, problem+json, the room page
    client/          the learner side: join, summaries, the local queue, the background sender

The client never imports the server's packages, and nothing below `interface` imports FastAPI.
"""
