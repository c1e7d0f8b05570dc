"""Counts the mDNS packets (UDP port 5353, IPv4 and IPv6) on every network interface of this machine.

Reads every frame the kernel passes (an AF_PACKET socket: root only) until standard input closes or
120 s pass, then prints one line per interface that carried any: "count <interface> <packets>", and
"done". Prints "ready" once capturing.
"""
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
MDNS_PORT = 5353


def udp_ports(frame):
    """The UDP source and destination ports of an Ethernet frame, or None."""
    ethertype = struct.unpack("!H", frame[12:14])[0]
    if ethertype == 0x0800:
        ip = frame[14:]
        if len(ip) < 20 or ip[9] != 17:
            return None
        header = (ip[0] & 0x0F) * 4
        udp = ip[header:header + 4]
    elif ethertype == 0x86DD:
        ip = frame[14:]
        if len(ip) < 44 or ip[6] != 17:
            return None
        udp = ip[40:44]
    else:
        return None
    return struct.unpack("!HH", udp) if len(udp) == 4 else None


def main():
    capture = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    counts = {}
    print("ready", flush=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        readable, _, _ = select.select([capture, sys.stdin], [], [], 1.0)
        if sys.stdin in readable and not sys.stdin.readline():
            break
        if capture in readable:
            frame, address = capture.recvfrom(65535)
            ports = udp_ports(frame)
            if ports and MDNS_PORT in ports:
                counts[address[0]] = counts.get(address[0], 0) + 1
    for interface, packets in sorted(counts.items()):
        print("count", interface, packets)
    print("done", flush=True)


if __name__ == "__main__":
    main()
