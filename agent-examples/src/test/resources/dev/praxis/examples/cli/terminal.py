"""Drives a command through a real pseudo-terminal, as a person at a keyboard would.

usage: terminal.py STEPS_JSON COMMAND...
STEPS_JSON is a list of [expect, send] pairs: wait until `expect` appears in the output
(after the previous match), then type `send` ("\u0004" is Ctrl-D, end of input on a terminal).
Prints everything the terminal showed; exits with the command's exit code (124 on a stall).
"""
import json, os, pty, select, sys, time

steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])

seen = b""
deadline = time.monotonic() + 180


def read_some():
    global seen
    ready, _, _ = select.select([fd], [], [], 1)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    seen += chunk
    return bool(chunk)


def stall(why):
    sys.stdout.buffer.write(seen)
    sys.stdout.write("\n[terminal.py] " + why + "\n")
    os.kill(pid, 9)
    sys.exit(124)


position = 0
for expect, send in steps:
    token = expect.encode()
    while seen.find(token, position) < 0:
        if time.monotonic() > deadline:
            stall("timed out waiting for " + repr(expect))
        if not read_some():
            stall("the command ended before " + repr(expect))
    position = seen.find(token, position) + len(token)
    os.write(fd, send.encode())

while time.monotonic() < deadline and read_some():
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(seen)
sys.exit(os.waitstatus_to_exitcode(status))
