#!/usr/bin/perl
# Load generator for the Postfix policy protocol (SMTPD_POLICY_README): N forked clients, each
# on one persistent connection, send requests in lock-step as smtpd does and time each answer.
# Usage: policy-client.pl HOST PORT REQUESTS CONNECTIONS
# Prints: requests, seconds, requests/s, p50 ms, p99 ms, and a count of each action seen.
use strict;
use warnings;
use IO::Socket::INET;
use Time::HiRes qw(time);
use File::Temp qw(tempdir);

my ($host, $port, $total, $conns) = @ARGV;
die "usage: $0 HOST PORT REQUESTS CONNECTIONS\n" unless $conns;
my $per = int($total / $conns);
my $dir = tempdir(CLEANUP => 1);

sub request {
  my ($i) = @_;
  # 256 clients in 192.0.2.0/24 (half of them listed by the bench DNSBL), 1 in 4 a bounce.
  my $client = "192.0.2." . ($i % 256);
  my $sender = ($i % 4 == 0) ? "" : "sender$i\@remote.test";
  my $rcpt = ($i % 8 == 0) ? "prvs=0000000000=alice\@example.test" : "user" . ($i % 50) . "\@example.test";
  return "request=smtpd_access_policy\nprotocol_state=RCPT\nprotocol_name=ESMTP\n"
    . "client_address=$client\nclient_name=unknown\nhelo_name=client.test\n"
    . "sender=$sender\nrecipient=$rcpt\nqueue_id=\ninstance=bench.$i\nsize=0\n\n";
}

sub session {
  my ($n, $start, $count, $out) = @_;
  my $s = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port, Proto => 'tcp')
    or die "connect: $!";
  $s->autoflush(1);
  open(my $fh, '>', $out) or die;
  for my $i ($start .. $start + $count - 1) {
    my $t0 = time;
    print $s request($i);
    my $action = '';
    while (my $line = <$s>) {
      last if $line eq "\n";
      $action = $1 if $line =~ /^action=(\S+)/;
    }
    printf $fh "%.6f %s\n", time - $t0, $action if defined $out;
  }
  close $fh;
  close $s;
}

# Warm-up: one pass over the 256 clients so every DNSBL answer is cached, not timed.
session(0, 0, 256, "$dir/warm");

my $t0 = time;
my @pids;
for my $c (0 .. $conns - 1) {
  my $pid = fork();
  die "fork: $!" unless defined $pid;
  if ($pid == 0) {
    session($c, $c * $per, $per, "$dir/lat.$c");
    exit 0;
  }
  push @pids, $pid;
}
waitpid($_, 0) for @pids;
my $elapsed = time - $t0;

my (@lat, %actions);
for my $c (0 .. $conns - 1) {
  open(my $fh, '<', "$dir/lat.$c") or die;
  while (<$fh>) {
    my ($l, $a) = split;
    push @lat, $l;
    $actions{$a // ''}++;
  }
}
@lat = sort { $a <=> $b } @lat;
my $n = scalar @lat;
printf "requests=%d seconds=%.3f rps=%.0f p50_ms=%.3f p99_ms=%.3f actions=%s\n",
  $n, $elapsed, $n / $elapsed, 1000 * $lat[int($n * 0.50)], 1000 * $lat[int($n * 0.99) - 1],
  join(",", map { "$_:$actions{$_}" } sort keys %actions);
