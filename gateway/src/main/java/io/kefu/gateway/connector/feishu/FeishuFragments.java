package io.kefu.gateway.connector.feishu;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins an event the platform split over several DATA frames ({@code sum > 1}): parts are kept by
 * {@code message_id}, joined in {@code seq} order once all {@code sum} have arrived, and forgotten
 * when they go stale (the platform pushes an unacked event again whole, so an incomplete set is
 * never worth keeping) or when too much is buffered. One instance per connection, not thread-safe:
 * a socket's frames arrive one at a time.
 */
final class FeishuFragments {
    static final int MAX_PARTS = 64;
    static final int MAX_PENDING_MESSAGES = 256;
    static final int MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

    private final long staleNanos;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private int buffered;

    FeishuFragments(long staleNanos) {
        this.staleNanos = staleNanos;
    }

    /** Why a fragment was refused. */
    static final class BadFragmentException extends Exception {
        BadFragmentException(String message) {
            super(message);
        }
    }

    private static final class Pending {
        final byte[][] parts;
        final long firstNanos;
        int received;
        int bytes;

        Pending(int sum, long now) {
            this.parts = new byte[sum][];
            this.firstNanos = now;
        }
    }

    /** Adds one part; returns the whole payload when this part completed it, else null. */
    byte[] add(String messageId, int sum, int seq, byte[] part, long nowNanos) throws BadFragmentException {
        expire(nowNanos);
        if (messageId == null || messageId.isEmpty()) {
            throw new BadFragmentException("fragment without message_id");
        }
        if (sum < 2 || sum > MAX_PARTS || seq < 0 || seq >= sum) {
            throw new BadFragmentException("fragment " + seq + " of " + sum);
        }
        Pending p = pending.get(messageId);
        if (p == null) {
            if (pending.size() >= MAX_PENDING_MESSAGES) {
                evictOldest();
            }
            p = new Pending(sum, nowNanos);
            pending.put(messageId, p);
        } else if (p.parts.length != sum) {
            drop(messageId, p);
            throw new BadFragmentException("message " + messageId + " changed its fragment count");
        }
        if (p.parts[seq] != null) {
            return null; // the same part twice: keep the first
        }
        while (buffered + part.length > MAX_BUFFERED_BYTES) {
            String oldest = pending.keySet().iterator().next(); // never empty: p is in it
            if (oldest.equals(messageId)) {
                drop(messageId, p);
                throw new BadFragmentException("message " + messageId + " is larger than " + MAX_BUFFERED_BYTES + " bytes");
            }
            drop(oldest, pending.get(oldest));
        }
        p.parts[seq] = part;
        p.received++;
        p.bytes += part.length;
        buffered += part.length;
        if (p.received < sum) {
            return null;
        }
        drop(messageId, p);
        ByteArrayOutputStream out = new ByteArrayOutputStream(p.bytes);
        for (byte[] b : p.parts) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    int pendingMessages() {
        return pending.size();
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Pending> e = it.next();
            if (now - e.getValue().firstNanos <= staleNanos) {
                break; // insertion order = age order
            }
            buffered -= e.getValue().bytes;
            it.remove();
        }
    }

    private void evictOldest() {
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        if (it.hasNext()) {
            buffered -= it.next().getValue().bytes;
            it.remove();
        }
    }

    private void drop(String id, Pending p) {
        if (pending.remove(id) != null) {
            buffered -= p.bytes;
        }
    }
}
