package org.zenmoon.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running ZenMoon per home folder: a lock on {@code <home>/zenmoon.lock}, which also records the HTTP port,
 * so that a second start can say where the first one answers. The operating system drops the lock when the
 * process ends, however it ends.
 */
final class InstanceLock {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws ZenMoonLauncher.LaunchException when another process holds the lock, naming the port it recorded
     */
    static InstanceLock acquire(Path home, int httpPort) {
        Path file = home.resolve("zenmoon.lock");
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String running =
                        Files.readString(file, StandardCharsets.US_ASCII).trim();
                channel.close();
                throw new ZenMoonLauncher.LaunchException("ZenMoon is already running"
                        + (running.matches("\\d+") ? " on http://localhost:" + running : "")
                        + " with its data in " + home + "; stop it first (Ctrl-C in its terminal)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((httpPort + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new ZenMoonLauncher.LaunchException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The process is ending; the operating system releases the lock anyway.
        }
    }
}
